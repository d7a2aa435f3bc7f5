package org.yekuo.evaluation;

/** What a low rating is traced to (R-EVA-5); each named by the message {@code evaluation.cause.<NAME>}. */
public enum TraceCause {
    /** A member of staff's attitude: a follow-up visit and a performance deduction for the person. */
    STAFF_ATTITUDE,
    /** A defect of the process: an improvement task, assigned and tracked to closure. */
    PROCESS_DEFECT;

    public String messageKey() {
        return "evaluation.cause." + name();
    }
}
