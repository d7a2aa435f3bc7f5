package org.yekuo.integration.internal;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.yekuo.shared.PersonalDataCipher;
import org.yekuo.shared.Sampled;

/**
 * Posts due deliveries to their subscribers every few seconds on every node. A delivery is claimed in the
 * database just before it is sent, so nodes never post the same one at once; a 2xx answer delivers it,
 * anything else (an error status, a timeout, a refused connection) is retried with a delay doubling up to
 * the maximum, then the delivery is FAILED for an administrator to replay, and the order's later events wait
 * behind it. A delivery can arrive twice (a node dies after posting, before recording it): receivers
 * deduplicate by the {@code webhook-id}, the CloudEvent's id.
 */
@Component
class WebhookDispatcher implements SchedulingConfigurer, MeterBinder {

    private static final Logger log = LoggerFactory.getLogger(WebhookDispatcher.class);

    private final EventFeed feed;
    private final PersonalDataCipher cipher;
    private final WebhookProperties properties;
    private final Clock clock;
    private final HttpClient http;
    private final Sampled<EventFeed.Backlog> backlog;

    WebhookDispatcher(EventFeed feed, PersonalDataCipher cipher, WebhookProperties properties, Clock clock) {
        this.feed = feed;
        this.cipher = cipher;
        this.properties = properties;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(properties.timeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        this.backlog = new Sampled<>(feed::backlog, Duration.ofSeconds(10), clock);
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(this::dispatchAll, properties.dispatchInterval());
    }

    /** Dispatches until nothing more is due: an order's next event comes due when its previous one arrives. */
    void dispatchAll() {
        for (int round = 0; round < 20 && dispatchDue() > 0; round++) {
            // Another round: delivering an event may have made the order's next one due.
        }
    }

    /** Posts what is due now; returns how many deliveries this call delivered. */
    int dispatchDue() {
        String token = UUID.randomUUID().toString();
        int delivered = 0;
        for (long id : feed.due(clock.instant(), properties.batchSize())) {
            Instant now = clock.instant();
            var claimed = feed.claim(id, token, now, now.plus(properties.lease()));
            if (claimed.isPresent() && post(claimed.get(), token)) {
                delivered++;
            }
        }
        return delivered;
    }

    private boolean post(EventFeed.Claimed delivery, String token) {
        long timestamp = clock.instant().getEpochSecond();
        String key = cipher.decrypt(delivery.secretCipher());
        Integer status = null;
        String error;
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(delivery.endpointUrl()))
                    .timeout(properties.timeout())
                    .header("Content-Type", "application/cloudevents+json; charset=utf-8")
                    .header("User-Agent", "Yekuo-Webhooks/1")
                    .header("webhook-id", delivery.eventId())
                    .header("webhook-timestamp", Long.toString(timestamp))
                    .header("webhook-signature", WebhookSignature.sign(key, delivery.eventId(), timestamp, delivery.body()))
                    .POST(HttpRequest.BodyPublishers.ofString(delivery.body(), StandardCharsets.UTF_8)).build();
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            status = response.statusCode();
            if (status / 100 == 2) {
                if (!feed.delivered(delivery.id(), token, status, clock.instant())) {
                    log.warn("Webhook delivery {} arrived after its lease had passed to another dispatcher", delivery.id());
                }
                return true;
            }
            error = "HTTP " + status;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            error = "interrupted";
        } catch (Exception e) {
            error = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        }
        if (delivery.attempts() >= properties.maxAttempts()) {
            feed.fail(delivery.id(), token, status, error);
            log.warn("Webhook delivery {} to {} failed for good after {} attempts: {}", delivery.id(), delivery.subscriberCode(),
                    delivery.attempts(), error);
        } else {
            feed.retryLater(delivery.id(), token, status, error, clock.instant().plus(properties.retryAfter(delivery.attempts())));
            log.info("Webhook delivery {} to {} failed (attempt {}), will retry: {}", delivery.id(), delivery.subscriberCode(),
                    delivery.attempts(), error);
        }
        return false;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        String description = "Webhook deliveries by state: waiting, between failed attempts, failed for good";
        Gauge.builder("yekuo.webhook.deliveries", backlog, b -> b.get().waiting()).tag("state", "waiting").description(description).register(registry);
        Gauge.builder("yekuo.webhook.deliveries", backlog, b -> b.get().retrying()).tag("state", "retrying").description(description).register(registry);
        Gauge.builder("yekuo.webhook.deliveries", backlog, b -> b.get().failed()).tag("state", "failed").description(description).register(registry);
    }
}
