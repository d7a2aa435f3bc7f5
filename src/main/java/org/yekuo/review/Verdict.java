package org.yekuo.review;

/** A department's opinion on a scheme, and a leader's ruling likewise. */
public enum Verdict {
    PASS, MODIFY, RETURN;

    /** MODIFY and RETURN ask the designer for a change: they must cite clauses and say what to change. */
    public boolean asksForChange() {
        return this != PASS;
    }

    public String messageKey() {
        return "review.verdict." + name();
    }
}
