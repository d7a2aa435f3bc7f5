package org.yekuo.intake;

import java.time.Instant;

/** An order stopped at {@code nodeCode} waiting for the customer's {@code waitingFor}; its clock stands still. */
public record OrderSuspended(long orderId, String orderNo, String nodeCode, String waitingFor, Instant suspendedAt) {
}
