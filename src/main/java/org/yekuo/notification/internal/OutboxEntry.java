package org.yekuo.notification.internal;

import java.time.Instant;

/** An outbox message as administrators see it: the phone only masked. */
public record OutboxEntry(long id, Instant createdAt, String phoneMasked, String templateCode, String reference,
        OutboxStatus status, int attempts, Instant nextAttemptAt, String lastError, Instant sentAt) {
}
