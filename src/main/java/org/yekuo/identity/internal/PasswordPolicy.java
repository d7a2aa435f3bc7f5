package org.yekuo.identity.internal;

import java.util.Optional;

import org.yekuo.shared.DomainException.FieldProblem;

/**
 * MLPS 2.0 level 3 password strength: at least 8 characters of at least 3 of the 4 kinds (upper case,
 * lower case, digit, symbol), and never the username itself.
 */
final class PasswordPolicy {

    static final int MIN_LENGTH = 8;
    static final int MAX_LENGTH = 128;
    static final int MIN_KINDS = 3;

    private PasswordPolicy() {
    }

    static Optional<FieldProblem> check(String username, String password) {
        if (password == null || password.length() < MIN_LENGTH || password.length() > MAX_LENGTH) {
            return problem("staff.password.length");
        }
        if (kinds(password) < MIN_KINDS) {
            return problem("staff.password.kinds");
        }
        if (password.equalsIgnoreCase(username)) {
            return problem("staff.password.username");
        }
        return Optional.empty();
    }

    private static Optional<FieldProblem> problem(String key) {
        return Optional.of(new FieldProblem("password", key, MIN_LENGTH, MAX_LENGTH, MIN_KINDS));
    }

    private static int kinds(String password) {
        boolean upper = false;
        boolean lower = false;
        boolean digit = false;
        boolean symbol = false;
        for (int i = 0; i < password.length(); i++) {
            char c = password.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                upper = true;
            } else if (c >= 'a' && c <= 'z') {
                lower = true;
            } else if (c >= '0' && c <= '9') {
                digit = true;
            } else {
                symbol = true;
            }
        }
        return (upper ? 1 : 0) + (lower ? 1 : 0) + (digit ? 1 : 0) + (symbol ? 1 : 0);
    }
}
