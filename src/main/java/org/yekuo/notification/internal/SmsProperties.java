package org.yekuo.notification.internal;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * SMS settings ({@code yekuo.sms.*}), all with working defaults: the local gateway, a dispatch every
 * 5 seconds, 5 attempts with a delay doubling from 10 seconds up to 30 minutes, and a 2-minute lease
 * after which a message claimed by a node that died is claimed again. {@code gateway: http} posts to
 * {@code http.url}. Links in messages go to {@code yekuo.public-address} (see {@code PublicAddress}).
 */
@ConfigurationProperties("yekuo.sms")
record SmsProperties(
        @DefaultValue("local") Gateway gateway,
        @DefaultValue("5s") Duration dispatchInterval,
        @DefaultValue("50") int batchSize,
        @DefaultValue("5") int maxAttempts,
        @DefaultValue("10s") Duration firstRetryDelay,
        @DefaultValue("30m") Duration maxRetryDelay,
        @DefaultValue("2m") Duration lease,
        @DefaultValue Http http) {

    enum Gateway {
        LOCAL, HTTP
    }

    /** A provider (or the utility's SMS platform) that takes JSON and honours an idempotency key. */
    record Http(URI url, String token, @DefaultValue("10s") Duration timeout) {
    }

    RetryBackoff backoff() {
        return new RetryBackoff(firstRetryDelay, maxRetryDelay);
    }
}
