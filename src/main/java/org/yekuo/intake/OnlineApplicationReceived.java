package org.yekuo.intake;

import java.time.Instant;

/**
 * An applicant submitted an application online and it became an order, not yet accepted by a clerk (that is
 * {@link OrderAccepted}). Published in the submitting transaction, once per order; {@code formKey} is the idempotency
 * key of the form it was submitted from, so that what a module held for that form (photos read while it was filled
 * in) can join the order in the same transaction.
 */
public record OnlineApplicationReceived(long orderId, String orderNo, String formKey, Instant receivedAt) {
}
