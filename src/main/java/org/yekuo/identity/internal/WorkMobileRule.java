package org.yekuo.identity.internal;

import java.util.Optional;

import org.yekuo.shared.DomainException.FieldProblem;

/** A work mobile is optional; when given, a mainland mobile number of 11 digits starting 1[3-9]. */
final class WorkMobileRule {

    private WorkMobileRule() {
    }

    static Optional<FieldProblem> check(String mobile) {
        String number = normalised(mobile);
        if (number == null || number.matches("1[3-9]\\d{9}")) {
            return Optional.empty();
        }
        return Optional.of(new FieldProblem("mobile", "staff.mobile.invalid"));
    }

    /** The number without spaces, or null when none was given. */
    static String normalised(String mobile) {
        if (mobile == null || mobile.isBlank()) {
            return null;
        }
        return mobile.replace(" ", "").strip();
    }
}
