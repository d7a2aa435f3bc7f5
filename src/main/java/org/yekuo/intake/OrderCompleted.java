package org.yekuo.intake;

import java.time.Instant;

/**
 * An order reached its end: the power is on, or the change of its type is done. Published in the
 * transaction that completes it, so a listener that records something records it exactly when the
 * completion commits. The applicant's phone travels sealed, as it is stored.
 */
public record OrderCompleted(long orderId, String orderNo, String typeCode, String orgPath, String phoneSealed,
        Instant completedAt) {
}
