package org.yekuo.review;

import java.time.Instant;

import org.yekuo.workflow.ReviewOutcome;

/**
 * A scheme review round was decided: passed, sent back for revision, or disputed, announced in the transaction
 * of the countersign that decided it; a disputed round is decided again by the leader's ruling, announced by the
 * ruling itself ({@code ruled} true).
 */
public record ReviewDecided(long orderId, String orderNo, int roundNo, ReviewOutcome outcome, boolean ruled,
        Instant decidedAt) {
}
