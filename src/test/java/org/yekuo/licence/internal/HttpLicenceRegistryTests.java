package org.yekuo.licence.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.yekuo.licence.FetchedLicence;
import org.yekuo.licence.LicenceKind;
import org.yekuo.licence.LicencePlatformException;
import org.yekuo.licence.LicencePlatformException.Reason;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import tools.jackson.databind.json.JsonMapper;

/**
 * R-LIC-1 the HTTP adapter of the government data platform against a local stub server: a licence read strictly,
 * a code the platform does not know, slow and failing answers retried within their time-outs, answers that are not
 * a licence refused without retrying, and a circuit breaker that stops asking a platform that keeps failing.
 */
class HttpLicenceRegistryTests {

    private static final String CODE = "91330100MA2H3X4K5L";

    private HttpServer server;
    private final Deque<Answer> answers = new ArrayDeque<>();
    private final AtomicInteger calls = new AtomicInteger();

    /** What the stub answers to one call: after a pause, a status and a body. */
    private record Answer(Duration pause, int status, String body) {
    }

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/platform/", this::answer);
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void answer(HttpExchange exchange) throws IOException {
        if (exchange.getRequestURI().getPath().endsWith("/health")) {
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
            return;
        }
        calls.incrementAndGet();
        Answer answer;
        synchronized (answers) {
            answer = answers.size() > 1 ? answers.poll() : answers.peek();
        }
        try {
            Thread.sleep(answer.pause().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        try {
            exchange.sendResponseHeaders(answer.status(), body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        } catch (IOException clientGaveUp) {
            // The adapter's time-out closed the connection first.
        } finally {
            exchange.close();
        }
    }

    private void willAnswer(Answer... next) {
        synchronized (answers) {
            answers.clear();
            answers.addAll(java.util.List.of(next));
        }
    }

    /** A time-out well under the slow answers (1.5 s), and over what a local answer takes on a busy machine. */
    private HttpLicenceRegistry registry(int attempts, int window) {
        return registry(attempts, window, Duration.ofMillis(1000));
    }

    private HttpLicenceRegistry registry(int attempts, int window, Duration timeout) {
        URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/platform");
        return new HttpLicenceRegistry(new LicenceRegistryProperties.Http(url, "secret", timeout, attempts,
                Duration.ofMillis(20), window, Duration.ofMinutes(1)), JsonMapper.builder().build());
    }

    private static String licence(String kind) {
        return """
                {"kind":"%s","licenceNo":"GS100MA2H3X4K5","holderCode":"%s","name":"示范市恒泰纺织有限公司","legalRepresentative":"王建国",
                 "address":"示范市城东区人民路 8 号","registeredCapital":"500","validFrom":"2015-03-01","validUntil":"2035-02-28",
                 "issuer":"示范市市场监督管理局","fileName":"GS100MA2H3X4K5.ofd","fileBase64":"%s"}"""
                .formatted(kind, CODE, Base64.getEncoder().encodeToString("PK-ofd".getBytes(StandardCharsets.US_ASCII)));
    }

    private static Answer ok(String body) {
        return new Answer(Duration.ZERO, 200, body);
    }

    @Test
    @DisplayName("R-LIC-1 a licence comes with its fields and its file; a code the platform does not know is not found, asked once")
    void licenceAndNotFound() {
        HttpLicenceRegistry registry = registry(3, 10);
        willAnswer(ok(licence("BUSINESS_LICENCE")));
        FetchedLicence licence = registry.fetch(LicenceKind.BUSINESS_LICENCE, CODE);
        assertThat(licence.name()).isEqualTo("示范市恒泰纺织有限公司");
        assertThat(licence.legalRepresentative()).isEqualTo("王建国");
        assertThat(licence.registeredCapital()).isEqualByComparingTo("500");
        assertThat(licence.validUntil()).isEqualTo(LocalDate.of(2035, 2, 28));
        assertThat(licence.file().content()).isEqualTo("PK-ofd".getBytes(StandardCharsets.US_ASCII));

        calls.set(0);
        willAnswer(new Answer(Duration.ZERO, 404, ""));
        assertThatThrownBy(() -> registry.fetch(LicenceKind.BUSINESS_LICENCE, CODE))
                .isInstanceOfSatisfying(LicencePlatformException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND));
        assertThat(calls).hasValue(1);
        assertThat(registry.breakerState()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    @DisplayName("R-LIC-1 a failing and then a slow platform is asked again within its time-outs until it answers")
    void failingAndSlowAnswersAreRetried() {
        HttpLicenceRegistry registry = registry(3, 10);
        willAnswer(new Answer(Duration.ZERO, 503, ""), new Answer(Duration.ofMillis(1500), 200, licence("BUSINESS_LICENCE")),
                ok(licence("BUSINESS_LICENCE")));
        assertThat(registry.fetch(LicenceKind.BUSINESS_LICENCE, CODE).licenceNo()).isEqualTo("GS100MA2H3X4K5");
        assertThat(calls).hasValue(3);
    }

    @Test
    @DisplayName("R-LIC-1 a platform slow on every attempt is unavailable after the configured attempts")
    void slowOnEveryAttemptIsUnavailable() {
        HttpLicenceRegistry registry = registry(2, 10);
        willAnswer(new Answer(Duration.ofMillis(1500), 200, licence("BUSINESS_LICENCE")));
        assertThatThrownBy(() -> registry.fetch(LicenceKind.BUSINESS_LICENCE, CODE))
                .isInstanceOfSatisfying(LicencePlatformException.class, e -> assertThat(e.reason()).isEqualTo(Reason.UNAVAILABLE));
        assertThat(calls).hasValue(2);
    }

    @Test
    @DisplayName("R-LIC-1 answers that are not a licence (no JSON, a field missing, another kind, a bad date) are refused, asked once")
    void malformedAnswersAreRefused() {
        HttpLicenceRegistry registry = registry(3, 10);
        for (String body : new String[] {"<html>维护中</html>", "{\"kind\":\"BUSINESS_LICENCE\"}",
                licence("PROPERTY_CERTIFICATE"), licence("BUSINESS_LICENCE").replace("2035-02-28", "2035-02-30")}) {
            calls.set(0);
            willAnswer(ok(body));
            assertThatThrownBy(() -> registry.fetch(LicenceKind.BUSINESS_LICENCE, CODE)).as(body)
                    .isInstanceOfSatisfying(LicencePlatformException.class, e -> assertThat(e.reason()).isEqualTo(Reason.MALFORMED));
            assertThat(calls).as(body).hasValue(1);
        }
    }

    @Test
    @DisplayName("R-LIC-1 a platform that keeps failing opens the circuit: later fetches are refused at once without a call, "
            + "and the health check says it is not reachable")
    void keepsFailingOpensTheCircuit() {
        HttpLicenceRegistry registry = registry(1, 4);
        willAnswer(new Answer(Duration.ZERO, 500, ""));
        for (int i = 0; i < 4; i++) {
            assertThatThrownBy(() -> registry.fetch(LicenceKind.BUSINESS_LICENCE, CODE)).isInstanceOf(LicencePlatformException.class);
        }
        assertThat(registry.breakerState()).isEqualTo(CircuitBreaker.State.OPEN);
        int before = calls.get();
        assertThatThrownBy(() -> registry.fetch(LicenceKind.BUSINESS_LICENCE, CODE))
                .isInstanceOfSatisfying(LicencePlatformException.class, e -> assertThat(e.reason()).isEqualTo(Reason.UNAVAILABLE));
        assertThat(calls).hasValue(before);
        assertThat(registry.reachable()).isFalse();
    }

    @Test
    @DisplayName("R-LIC-1 the health check asks the platform's health address; a platform nobody listens on is not reachable")
    void healthCheck() {
        assertThat(registry(1, 4, Duration.ofSeconds(5)).reachable()).isTrue();
        HttpLicenceRegistry nobody = new HttpLicenceRegistry(new LicenceRegistryProperties.Http(URI.create("http://127.0.0.1:9/platform"),
                null, Duration.ofMillis(300), 1, Duration.ofMillis(10), 4, Duration.ofMinutes(1)), JsonMapper.builder().build());
        assertThat(nobody.reachable()).isFalse();
        assertThatThrownBy(() -> nobody.fetch(LicenceKind.ID_RECORD, "110101199003070016"))
                .isInstanceOfSatisfying(LicencePlatformException.class, e -> assertThat(e.reason()).isEqualTo(Reason.UNAVAILABLE));
    }
}
