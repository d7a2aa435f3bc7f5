package org.yekuo.integration.internal;

import java.time.Instant;

/** One event on its way to one subscriber, as the delivery page and the API show it. */
public record Delivery(long id, String subscriberCode, String subscriberName, String eventId, String eventType,
        String orderNo, Instant occurredAt, DeliveryStatus status, int attempts, Instant nextAttemptAt, Integer lastStatus,
        String lastError, Instant deliveredAt) {
}
