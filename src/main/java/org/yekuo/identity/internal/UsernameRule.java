package org.yekuo.identity.internal;

import java.util.Optional;
import java.util.regex.Pattern;

import org.yekuo.shared.DomainException.FieldProblem;

/** A username is 3 to 60 characters of lower-case letters, digits, dot, underscore and hyphen. */
final class UsernameRule {

    static final int MIN = 3;
    static final int MAX = 60;
    private static final Pattern ALLOWED = Pattern.compile("[a-z0-9._-]{" + MIN + "," + MAX + "}");

    private UsernameRule() {
    }

    static Optional<FieldProblem> check(String username) {
        if (username == null || !ALLOWED.matcher(username).matches()) {
            return Optional.of(new FieldProblem("username", "staff.username.format", MIN, MAX));
        }
        return Optional.empty();
    }
}
