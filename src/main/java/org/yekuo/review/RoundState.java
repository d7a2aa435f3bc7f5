package org.yekuo.review;

/**
 * Where a review round stands: reviews running, then passed, disputed (waiting for the leader's ruling),
 * ruled, sent back for one revision, or withdrawn by the designer before anyone opened it.
 */
public enum RoundState {
    OPEN, PASSED, DISPUTED, RULED, TO_REVISE, WITHDRAWN;

    public String messageKey() {
        return "review.round-state." + name();
    }
}
