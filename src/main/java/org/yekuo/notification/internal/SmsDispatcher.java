package org.yekuo.notification.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;
import org.yekuo.shared.PersonalDataCipher;

/**
 * Sends due outbox messages every few seconds on every node. A message is claimed in the database just
 * before it is sent (no in-memory lock), so nodes never send the same message twice; a failed attempt is
 * retried with exponential backoff until the attempts run out, then the message is FAILED with its error
 * for an administrator to see and retry. A message that was handed over before (by a node that died before it
 * could write SENT, or in an attempt whose answer was lost) is first looked up at the gateway, and not sent again
 * if the gateway has it. A batch stops taking new messages after half a lease, so a slow gateway does not hold
 * back the next poll, which takes over the messages of a node that died.
 */
@Component
public class SmsDispatcher implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(SmsDispatcher.class);

    private final SmsOutbox outbox;
    private final SmsGateway gateway;
    private final PersonalDataCipher cipher;
    private final SmsProperties properties;
    private final Clock clock;

    SmsDispatcher(SmsOutbox outbox, SmsGateway gateway, PersonalDataCipher cipher, SmsProperties properties, Clock clock) {
        this.outbox = outbox;
        this.gateway = gateway;
        this.cipher = cipher;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(this::dispatchDue, properties.dispatchInterval());
    }

    /** Sends what is due now; returns how many messages this call sent. */
    public int dispatchDue() {
        String token = UUID.randomUUID().toString();
        int sent = 0;
        long stopAt = System.nanoTime() + properties.lease().dividedBy(2).toNanos();
        for (long id : outbox.due(clock.instant(), properties.batchSize())) {
            if (System.nanoTime() - stopAt > 0) {
                break;
            }
            // Each claim starts its own lease, so a long batch does not outlive the leases of its last messages.
            Instant now = clock.instant();
            var claimed = outbox.claim(id, token, now, now.plus(properties.lease()));
            if (claimed.isPresent() && deliver(claimed.get(), token)) {
                sent++;
            }
        }
        return sent;
    }

    private boolean deliver(SmsOutbox.ClaimedSms sms, String token) {
        if (sms.attempts() > 1 && gateway.delivery(sms.id()) == SmsGateway.Delivery.ACCEPTED) {
            log.info("SMS {} to {} had reached the gateway in an earlier attempt; it is not sent again", sms.id(), sms.phoneMasked());
            return outbox.markSent(sms.id(), token, clock.instant());
        }
        try {
            gateway.send(sms.id(), cipher.decrypt(sms.phoneCipher()), sms.text());
        } catch (RuntimeException e) {
            String error = e.getClass().getSimpleName() + ": " + e.getMessage();
            if (sms.attempts() >= properties.maxAttempts()) {
                outbox.fail(sms.id(), token, error);
                log.warn("SMS {} to {} failed for good after {} attempts: {}", sms.id(), sms.phoneMasked(), sms.attempts(), error);
            } else {
                outbox.retryLater(sms.id(), token, error, clock.instant().plus(properties.backoff().after(sms.attempts())));
                log.info("SMS {} to {} failed (attempt {}), will retry: {}", sms.id(), sms.phoneMasked(), sms.attempts(), error);
            }
            return false;
        }
        if (!outbox.markSent(sms.id(), token, clock.instant())) {
            log.warn("SMS {} was sent after its lease had passed to another dispatcher; the gateway deduplicates it", sms.id());
        }
        return true;
    }
}
