package org.yekuo.review;

import java.time.Instant;

/**
 * One submission of an order's scheme to countersign, reviewed against the guideline version in force
 * when it was submitted.
 */
public record ReviewRound(long id, long orderId, String orderNo, String orgPath, int roundNo, String guidelineCode,
        int guidelineVersion, String submittedBy, Instant submittedAt, RoundState state, String arbitrationTask) {
}
