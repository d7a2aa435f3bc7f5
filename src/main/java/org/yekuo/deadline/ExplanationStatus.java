package org.yekuo.deadline;

/** Where a delay explanation stands; display names are {@code deadline.explanation-status.<NAME>}. */
public enum ExplanationStatus {
    PENDING, APPROVED, REJECTED;

    public String messageKey() {
        return "deadline.explanation-status." + name();
    }
}
