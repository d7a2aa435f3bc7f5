package org.yekuo.intake;

import java.time.Instant;

/** A suspended order goes on: what it waited for has arrived. */
public record OrderResumed(long orderId, String orderNo, String nodeCode, Instant resumedAt) {
}
