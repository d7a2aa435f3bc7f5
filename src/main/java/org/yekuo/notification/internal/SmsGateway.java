package org.yekuo.notification.internal;

/**
 * The port to whoever delivers SMS. Providers are not idempotent, and a message may be handed over
 * again after a node died mid-send, so an adapter must treat {@code outboxId} as the deduplication key.
 * A failure is thrown; the dispatcher retries.
 */
public interface SmsGateway {

    void send(long outboxId, String phone, String text);
}
