package org.yekuo.workflow;

/** An order's process reached its end: the power is on (or the change is done). */
public record ProcessCompleted(OrderId orderId) {
}
