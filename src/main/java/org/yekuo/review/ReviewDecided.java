package org.yekuo.review;

import java.time.Instant;

import org.yekuo.workflow.ReviewOutcome;

/**
 * A scheme review round was decided: passed, sent back for revision, or disputed (then the leader's
 * ruling decides it again, {@code ruled} true).
 */
public record ReviewDecided(long orderId, String orderNo, int roundNo, ReviewOutcome outcome, boolean ruled,
        Instant decidedAt) {
}
