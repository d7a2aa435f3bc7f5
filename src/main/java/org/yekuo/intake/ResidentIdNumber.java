package org.yekuo.intake;

import java.time.DateTimeException;
import java.time.LocalDate;

import org.yekuo.shared.DomainException;

/**
 * An 18-character resident identity number (GB 11643): 17 digits, the holder's birth date at
 * positions 7 to 14, and a check character computed with ISO 7064 MOD 11-2 ({@code 0-9} or {@code X}).
 */
public record ResidentIdNumber(String value) {

    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final String CHECK_CHARACTERS = "10X98765432";

    /** Parses {@code raw} or refuses it, naming {@code field} and what is wrong. */
    public static ResidentIdNumber parse(String field, String raw) {
        String value = raw == null ? "" : raw.trim().toUpperCase();
        if (value.length() != 18) {
            throw DomainException.invalid(field, "intake.id-number.length", value.length());
        }
        if (!value.matches("\\d{17}[\\dX]")) {
            throw DomainException.invalid(field, "intake.id-number.characters");
        }
        try {
            LocalDate.of(Integer.parseInt(value.substring(6, 10)), Integer.parseInt(value.substring(10, 12)),
                    Integer.parseInt(value.substring(12, 14)));
        } catch (DateTimeException e) {
            throw DomainException.invalid(field, "intake.id-number.birth-date", value.substring(6, 14));
        }
        char expected = checkCharacter(value);
        if (value.charAt(17) != expected) {
            throw DomainException.invalid(field, "intake.id-number.check", value.charAt(17), expected);
        }
        return new ResidentIdNumber(value);
    }

    static char checkCharacter(String first17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * WEIGHTS[i];
        }
        return CHECK_CHARACTERS.charAt(sum % 11);
    }
}
