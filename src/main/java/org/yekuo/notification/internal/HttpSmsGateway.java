package org.yekuo.notification.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

/**
 * Posts {@code {"id", "phone", "text"}} as JSON to an SMS provider or the utility's SMS platform, with
 * the outbox id as {@code Idempotency-Key} so that a message handed over twice is sent once. Any answer
 * but 2xx is a failure to retry.
 * <p>
 * Before a message goes again, a provider with a status query ({@code yekuo.sms.http.status-url}) is asked
 * {@code GET <status-url>?id=<outbox id>}: 2xx means it has the message, 404 that it has not; anything else, or no
 * status query, leaves the idempotency key to keep the customer from a second text.
 */
class HttpSmsGateway implements SmsGateway {

    static final String IDEMPOTENCY_HEADER = "Idempotency-Key";

    private final SmsProperties.Http settings;
    private final JsonMapper json;
    private final HttpClient client;

    HttpSmsGateway(SmsProperties.Http settings, JsonMapper json) {
        if (settings.url() == null) {
            throw new IllegalStateException("yekuo.sms.http.url is required when yekuo.sms.gateway is http");
        }
        this.settings = settings;
        this.json = json;
        this.client = HttpClient.newBuilder().connectTimeout(settings.timeout()).build();
    }

    @Override
    public Delivery delivery(long outboxId) {
        if (settings.statusUrl() == null) {
            return Delivery.UNKNOWN;
        }
        String separator = settings.statusUrl().getRawQuery() == null ? "?" : "&";
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(settings.statusUrl() + separator + "id=" + outboxId))
                .timeout(settings.timeout()).GET();
        if (settings.token() != null && !settings.token().isBlank()) {
            request.header("Authorization", "Bearer " + settings.token());
        }
        try {
            int status = client.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
            return status / 100 == 2 ? Delivery.ACCEPTED : status == 404 ? Delivery.NOT_RECEIVED : Delivery.UNKNOWN;
        } catch (IOException e) {
            return Delivery.UNKNOWN;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Delivery.UNKNOWN;
        }
    }

    @Override
    public void send(long outboxId, String phone, String text) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", outboxId);
        body.put("phone", phone);
        body.put("text", text);
        HttpRequest.Builder request = HttpRequest.newBuilder(settings.url())
                .timeout(settings.timeout())
                .header("Content-Type", "application/json; charset=utf-8")
                .header(IDEMPOTENCY_HEADER, "yekuo-sms-" + outboxId)
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
        if (settings.token() != null && !settings.token().isBlank()) {
            request.header("Authorization", "Bearer " + settings.token());
        }
        HttpResponse<Void> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
            throw new UncheckedIOException("SMS provider unreachable: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while sending SMS " + outboxId, e);
        }
        // The answer body is not kept: a provider may echo the phone number.
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException("SMS provider answered HTTP " + response.statusCode());
        }
    }
}
