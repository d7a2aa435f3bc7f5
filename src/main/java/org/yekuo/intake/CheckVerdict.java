package org.yekuo.intake;

/** The designer's answer to one LV scheme check item (R-REV-2); its label is {@code intake.scheme-check.verdict.<name>}. */
public enum CheckVerdict {
    PASSED, FAILED, NOT_APPLICABLE;

    public String messageKey() {
        return "intake.scheme-check.verdict." + name();
    }
}
