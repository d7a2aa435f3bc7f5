package org.yekuo.notification.internal;

/** Where an outbox message stands; the display name is the message {@code notification.status.<NAME>}. */
public enum OutboxStatus {
    PENDING, SENDING, SENT, FAILED;

    public String messageKey() {
        return "notification.status." + name();
    }
}
