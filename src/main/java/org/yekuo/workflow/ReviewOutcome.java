package org.yekuo.workflow;

/**
 * Where a finished review round sends the scheme: on to the reply, to the leader in charge for
 * arbitration when opinions conflict, or back to the designer for one revision.
 */
public enum ReviewOutcome {
    PASSED, DISPUTED, TO_REVISE
}
