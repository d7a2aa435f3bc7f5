package org.yekuo.integration.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The event feed's delivery ({@code yekuo.webhooks.*}): a dispatch every 2 seconds, 15 attempts with a delay
 * doubling from 10 seconds up to an hour (about half a day of trying before an administrator must replay),
 * a 10-second answer time and a 1-minute lease after which a delivery claimed by a node that died is
 * claimed again. {@code source} is the CloudEvents source every event names.
 */
@ConfigurationProperties("yekuo.webhooks")
record WebhookProperties(
        @DefaultValue("2s") Duration dispatchInterval,
        @DefaultValue("50") int batchSize,
        @DefaultValue("15") int maxAttempts,
        @DefaultValue("10s") Duration firstRetryDelay,
        @DefaultValue("1h") Duration maxRetryDelay,
        @DefaultValue("10s") Duration timeout,
        @DefaultValue("1m") Duration lease,
        @DefaultValue("/yekuo") String source) {

    Duration retryAfter(int failedAttempts) {
        int doublings = Math.max(0, Math.min(failedAttempts - 1, 30));
        Duration delay = firstRetryDelay.multipliedBy(1L << doublings);
        return delay.compareTo(maxRetryDelay) > 0 ? maxRetryDelay : delay;
    }
}
