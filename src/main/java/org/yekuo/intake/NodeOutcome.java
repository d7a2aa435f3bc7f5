package org.yekuo.intake;

/** The result of a node that passes or fails its subject (design review, inspections); label {@code intake.outcome.<name>}. */
public enum NodeOutcome {
    PASS, FAIL;

    public String messageKey() {
        return "intake.outcome." + name();
    }
}
