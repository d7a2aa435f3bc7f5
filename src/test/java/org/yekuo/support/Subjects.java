package org.yekuo.support;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Subject codes nobody else in the suite uses, so that no material of theirs is on file from another
 * test (tests share one database).
 */
public final class Subjects {

    private static final AtomicLong NEXT = new AtomicLong(System.nanoTime() % 100_000_000L);
    private static final String ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static final int[] USCC_WEIGHTS = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
    private static final int[] ID_WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};

    private Subjects() {
    }

    /** A valid unified social credit code (GB 32100). */
    public static String creditCode() {
        String first17 = "91330100" + String.format("%09d", NEXT.incrementAndGet() % 1_000_000_000L);
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += ALPHABET.indexOf(first17.charAt(i)) * USCC_WEIGHTS[i];
        }
        int check = 31 - sum % 31;
        return first17 + ALPHABET.charAt(check == 31 ? 0 : check);
    }

    /** A valid resident ID number (GB 11643). */
    public static String idNumber() {
        long n = NEXT.incrementAndGet();
        String first17 = "330106" + "1980" + String.format("%02d", 1 + n % 12) + "1" + (n % 9) + String.format("%03d", n % 1000);
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * ID_WEIGHTS[i];
        }
        return first17 + "10X98765432".charAt(sum % 11);
    }

    public static String phone() {
        return "138" + String.format("%08d", NEXT.incrementAndGet() % 100_000_000L);
    }
}
