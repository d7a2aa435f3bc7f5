package org.yekuo.evaluation;

/**
 * Why a rating is left out of scores (R-EVA-3); the auditor reads the reason as the message
 * {@code evaluation.flag.<NAME>}.
 */
public enum FraudFlag {
    /** The phone belongs to a member of staff. */
    STAFF_PHONE,
    /** One of a burst of ratings from one network address. */
    ADDRESS_BURST,
    /** Submitted sooner after the page opened than a person reads it and types a code. */
    TOO_FAST;

    public String messageKey() {
        return "evaluation.flag." + name();
    }
}
