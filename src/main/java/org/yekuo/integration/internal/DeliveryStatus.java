package org.yekuo.integration.internal;

/** Where a delivery stands; its display name is the message {@code integration.delivery.status.<NAME>}. */
public enum DeliveryStatus {
    PENDING, SENDING, DELIVERED, FAILED;

    public String messageKey() {
        return "integration.delivery.status." + name();
    }
}
