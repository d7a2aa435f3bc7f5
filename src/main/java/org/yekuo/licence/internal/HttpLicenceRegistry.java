package org.yekuo.licence.internal;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Base64;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.yekuo.licence.FetchedLicence;
import org.yekuo.licence.LicenceKind;
import org.yekuo.licence.LicencePlatformException;
import org.yekuo.licence.LicencePlatformException.Reason;
import org.yekuo.licence.LicenceRegistry;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The government data platform over HTTP: {@code GET <url>/licences/<KIND>/<code>} answers the licence as JSON with
 * its file in Base64, 404 when the platform does not know the code. Each attempt has a time-out; an unreachable,
 * slow or failing platform (5xx) is asked again a few times with a pause, and a circuit breaker stops asking for a
 * while once half of the recent calls failed, so that a counter is not kept waiting on a platform that is down. A
 * code the platform does not know and an answer that is not a licence are not asked again.
 */
public class HttpLicenceRegistry implements LicenceRegistry {

    private static final Logger log = LoggerFactory.getLogger(HttpLicenceRegistry.class);

    private final LicenceRegistryProperties.Http settings;
    private final URI base;
    private final JsonMapper json;
    private final HttpClient client;
    private final CircuitBreaker breaker;
    private final Retry retry;

    public HttpLicenceRegistry(LicenceRegistryProperties.Http settings, JsonMapper json) {
        if (settings.url() == null) {
            throw new IllegalStateException("yekuo.licence.registry.http.url is required when yekuo.licence.registry.mode is http");
        }
        this.settings = settings;
        String url = settings.url().toString();
        this.base = URI.create(url.endsWith("/") ? url : url + "/");
        this.json = json;
        this.client = HttpClient.newBuilder().connectTimeout(settings.timeout()).build();
        this.breaker = CircuitBreaker.of("licencePlatform", CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(settings.window())
                .minimumNumberOfCalls(Math.max(2, settings.window() / 2))
                .failureRateThreshold(50)
                .waitDurationInOpenState(settings.openFor())
                .permittedNumberOfCallsInHalfOpenState(1)
                .recordException(e -> e instanceof LicencePlatformException p && p.reason() == Reason.UNAVAILABLE)
                .build());
        this.retry = Retry.of("licencePlatform", RetryConfig.custom()
                .maxAttempts(Math.max(1, settings.attempts()))
                .waitDuration(settings.retryWait())
                .retryOnException(e -> e instanceof LicencePlatformException p && p.reason() == Reason.UNAVAILABLE)
                .build());
    }

    /** The breaker's state, for the health details. */
    public CircuitBreaker.State breakerState() {
        return breaker.getState();
    }

    @Override
    public FetchedLicence fetch(LicenceKind kind, String holderCode) {
        URI uri = base.resolve("licences/" + kind.name() + "/" + URLEncoder.encode(holderCode, StandardCharsets.UTF_8));
        // The breaker counts every attempt, so retries against a dead platform open it sooner.
        try {
            return Retry.decorateSupplier(retry, CircuitBreaker.decorateSupplier(breaker, () -> attempt(kind, uri))).get();
        } catch (CallNotPermittedException e) {
            throw new LicencePlatformException(Reason.UNAVAILABLE, "The licence platform's circuit is open", e);
        }
    }

    @Override
    public boolean reachable() {
        if (breaker.getState() == CircuitBreaker.State.OPEN) {
            return false;
        }
        try {
            HttpResponse<Void> response = client.send(request(base.resolve("health")).build(),
                    HttpResponse.BodyHandlers.discarding());
            return response.statusCode() / 100 == 2;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public String name() {
        return "http";
    }

    private FetchedLicence attempt(LicenceKind kind, URI uri) {
        HttpResponse<byte[]> response;
        try {
            response = client.send(request(uri).header("Accept", "application/json").build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            // A time-out is an IOException too (HttpTimeoutException).
            throw new LicencePlatformException(Reason.UNAVAILABLE, "Licence platform unreachable or slow: " + e.getClass().getSimpleName(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LicencePlatformException(Reason.UNAVAILABLE, "Interrupted while asking the licence platform", e);
        }
        int status = response.statusCode();
        if (status == 404) {
            throw new LicencePlatformException(Reason.NOT_FOUND, "The licence platform does not know this code");
        }
        if (status == 429 || status / 100 == 5) {
            throw new LicencePlatformException(Reason.UNAVAILABLE, "The licence platform answered HTTP " + status);
        }
        if (status / 100 != 2) {
            throw new LicencePlatformException(Reason.MALFORMED, "The licence platform answered HTTP " + status);
        }
        return parse(kind, response.body());
    }

    /** Reads the answer strictly: a licence without its number, holder, name, validity or file is no licence. */
    private FetchedLicence parse(LicenceKind kind, byte[] body) {
        try {
            JsonNode node = json.readTree(body);
            String answeredKind = text(node, "kind", true);
            if (!kind.name().equals(answeredKind)) {
                throw malformed("kind " + answeredKind + " instead of " + kind);
            }
            byte[] file = Base64.getDecoder().decode(text(node, "fileBase64", true));
            String fileName = text(node, "fileName", true);
            if (file.length == 0 || fileName.contains("/") || fileName.contains("\\")) {
                throw malformed("an empty file or a file name with a path");
            }
            return new FetchedLicence(kind, text(node, "licenceNo", true), text(node, "holderCode", true), text(node, "name", true),
                    text(node, "legalRepresentative", false), text(node, "address", false), decimal(node, "registeredCapital"),
                    LocalDate.parse(text(node, "validFrom", true)), date(node, "validUntil"), text(node, "propertyLocation", false),
                    decimal(node, "propertyArea"), text(node, "issuer", false), new FetchedLicence.LicenceFile(fileName, file));
        } catch (JacksonException | IllegalArgumentException | java.time.DateTimeException e) {
            log.warn("The licence platform's answer is not a licence: {}", e.getMessage());
            throw new LicencePlatformException(Reason.MALFORMED, "The licence platform's answer is not a licence", e);
        }
    }

    private static String text(JsonNode node, String field, boolean required) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull() || !value.isString() || value.asString().isBlank()) {
            if (required) {
                throw malformed("no " + field);
            }
            return null;
        }
        return value.asString().strip();
    }

    private static BigDecimal decimal(JsonNode node, String field) {
        String text = text(node, field, false);
        return text == null ? null : new BigDecimal(text);
    }

    private static LocalDate date(JsonNode node, String field) {
        String text = text(node, field, false);
        return text == null ? null : LocalDate.parse(text);
    }

    private static LicencePlatformException malformed(String what) {
        return new LicencePlatformException(Reason.MALFORMED, "The licence platform's answer is not a licence: " + what);
    }

    private HttpRequest.Builder request(URI uri) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(settings.timeout()).GET();
        if (settings.token() != null && !settings.token().isBlank()) {
            request.header("Authorization", "Bearer " + settings.token());
        }
        return request;
    }
}
