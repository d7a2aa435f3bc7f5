package org.yekuo.notification.internal;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * SMS settings ({@code yekuo.sms.*}), all with working defaults: the local gateway, a dispatch every
 * 5 seconds, 5 attempts with a delay doubling from 10 seconds up to 30 minutes, and a 30-second lease
 * after which a message claimed by a node that died is claimed again. The lease covers one hand-over, so it must
 * outlast the gateway's time-out. {@code gateway: http} posts to {@code http.url}. Links in messages go to
 * {@code yekuo.public-address} (see {@code PublicAddress}).
 */
@ConfigurationProperties("yekuo.sms")
record SmsProperties(
        @DefaultValue("local") Gateway gateway,
        @DefaultValue("5s") Duration dispatchInterval,
        @DefaultValue("50") int batchSize,
        @DefaultValue("5") int maxAttempts,
        @DefaultValue("10s") Duration firstRetryDelay,
        @DefaultValue("30m") Duration maxRetryDelay,
        @DefaultValue("30s") Duration lease,
        @DefaultValue Http http) {

    enum Gateway {
        LOCAL, HTTP
    }

    SmsProperties {
        if (http != null && http.timeout() != null && lease.compareTo(http.timeout().multipliedBy(2)) < 0) {
            throw new IllegalArgumentException("yekuo.sms.lease (" + lease + ") must be at least twice yekuo.sms.http.timeout ("
                    + http.timeout() + "): a lease that ends while its message is still being handed over lets a second node"
                    + " send it too");
        }
    }

    /**
     * A provider (or the utility's SMS platform) that takes JSON and honours an idempotency key; {@code statusUrl},
     * where the provider offers one, answers whether it already has a message (see {@code HttpSmsGateway}).
     */
    record Http(URI url, String token, @DefaultValue("10s") Duration timeout, URI statusUrl) {
    }

    RetryBackoff backoff() {
        return new RetryBackoff(firstRetryDelay, maxRetryDelay);
    }
}
