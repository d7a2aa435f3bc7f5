package org.yekuo.intake;

import org.yekuo.shared.DomainException;

/**
 * An 18-character unified social credit code (GB 32100) of an organisation. Its characters come
 * from a 31-symbol alphabet (digits and capitals without I, O, S, V, Z); the last is a check
 * character over the first 17 with weights 3^i mod 31.
 */
public record UnifiedSocialCreditCode(String value) {

    private static final String ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static final int[] WEIGHTS = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};

    /** Parses {@code raw} or refuses it, naming {@code field} and what is wrong. */
    public static UnifiedSocialCreditCode parse(String field, String raw) {
        String value = raw == null ? "" : raw.trim().toUpperCase();
        if (value.length() != 18) {
            throw DomainException.invalid(field, "intake.credit-code.length", value.length());
        }
        for (int i = 0; i < value.length(); i++) {
            if (ALPHABET.indexOf(value.charAt(i)) < 0) {
                throw DomainException.invalid(field, "intake.credit-code.characters", value.charAt(i), i + 1);
            }
        }
        char expected = checkCharacter(value);
        if (value.charAt(17) != expected) {
            throw DomainException.invalid(field, "intake.credit-code.check", value.charAt(17), expected);
        }
        return new UnifiedSocialCreditCode(value);
    }

    static char checkCharacter(String first17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += ALPHABET.indexOf(first17.charAt(i)) * WEIGHTS[i];
        }
        int check = 31 - sum % 31;
        return ALPHABET.charAt(check == 31 ? 0 : check);
    }
}
