package org.yekuo.notification.internal;

import java.util.regex.Pattern;

import org.yekuo.shared.DomainException;
import org.yekuo.shared.Masking;

/** A mainland mobile number, the only kind of number an SMS goes to. */
public record MobileNumber(String digits) {

    private static final Pattern MAINLAND_MOBILE = Pattern.compile("1[3-9]\\d{9}");

    public MobileNumber {
        if (digits == null || !MAINLAND_MOBILE.matcher(digits).matches()) {
            throw new IllegalArgumentException("not a mainland mobile number");
        }
    }

    /** Reads user input, refusing it with a message that names {@code field}; the number itself is not echoed. */
    public static MobileNumber parse(String field, String input) {
        String digits = input == null ? "" : input.strip();
        if (!MAINLAND_MOBILE.matcher(digits).matches()) {
            throw DomainException.invalid(field, "notification.phone.invalid");
        }
        return new MobileNumber(digits);
    }

    public String masked() {
        return Masking.mobile(digits);
    }

    @Override
    public String toString() {
        return masked();
    }
}
