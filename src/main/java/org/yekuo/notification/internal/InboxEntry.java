package org.yekuo.notification.internal;

import java.time.Instant;

/** A message the local gateway received, with the state of its outbox row; the phone only masked. */
public record InboxEntry(long outboxId, Instant receivedAt, String phoneMasked, String templateCode, String text,
        OutboxStatus status, int attempts) {
}
