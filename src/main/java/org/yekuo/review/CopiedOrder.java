package org.yekuo.review;

import java.time.Instant;

/** An order copied to a member of staff for information. */
public record CopiedOrder(long id, long orderId, String orderNo, String recipient, String note, String copiedBy,
        Instant copiedAt) {
}
