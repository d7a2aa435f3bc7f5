package org.yekuo.collaboration;

/**
 * A role's part in a stage (RACI): does the work, answers for it (exactly one role per stage), is asked
 * before, or is told after. Named by the message {@code collaboration.duty.<CODE>}.
 */
public enum Duty {
    R, A, C, I;

    public String messageKey() {
        return "collaboration.duty." + name();
    }
}
