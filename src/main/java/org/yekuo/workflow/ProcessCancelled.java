package org.yekuo.workflow;

import java.time.Instant;

/** An order's process was ended before its end: the order was withdrawn; its open nodes close with it. */
public record ProcessCancelled(OrderId orderId, String reason, Instant cancelledAt) {
}
