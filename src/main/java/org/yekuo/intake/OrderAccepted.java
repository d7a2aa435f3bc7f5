package org.yekuo.intake;

import java.time.Instant;

/**
 * An order was accepted (受理): at the counter when the clerk takes the application, online when a clerk of
 * the chosen station completes its acceptance. Published in the accepting transaction. {@code channel} is
 * COUNTER or ONLINE.
 */
public record OrderAccepted(long orderId, String orderNo, String typeCode, String channel, String orgPath,
        Instant acceptedAt) {
}
