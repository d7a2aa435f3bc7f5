package org.yekuo.notification.internal;

/**
 * The port to whoever delivers SMS. Providers are not idempotent, and a message may be handed over
 * again after a node died mid-send, so an adapter must treat {@code outboxId} as the deduplication key.
 * A failure is thrown; the dispatcher retries.
 */
public interface SmsGateway {

    void send(long outboxId, String phone, String text);

    /**
     * Whether the gateway already has the message, asked before a message is handed over again (after a node died
     * mid-send, or an attempt whose answer was lost). A gateway that cannot tell answers {@link Delivery#UNKNOWN},
     * and the message goes again with its deduplication key.
     */
    default Delivery delivery(long outboxId) {
        return Delivery.UNKNOWN;
    }

    enum Delivery {
        /** The gateway has the message; sending it again would text the customer twice. */
        ACCEPTED,
        /** The gateway never received it. */
        NOT_RECEIVED,
        /** The gateway cannot say. */
        UNKNOWN
    }
}
