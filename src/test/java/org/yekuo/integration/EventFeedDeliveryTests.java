package org.yekuo.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.yekuo.integration.internal.WebhookSignature;
import org.yekuo.support.Subjects;

import com.sun.net.httpserver.HttpServer;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * R-X-7 the event feed out: a real HTTP receiver on this machine is subscribed, goes down while orders are
 * accepted and withdrawn, and comes back; it then gets every event once, in order per order, each signed.
 */
@SpringBootTest
@AutoConfigureMockMvc
class EventFeedDeliveryTests {

    private static final String PASSWORD = "Yekuo@2026";

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    JsonMapper json;

    private final List<Received> received = Collections.synchronizedList(new ArrayList<>());
    private HttpServer receiver;
    private Long subscriberId;

    record Received(String id, long timestamp, String signature, String contentType, String body) {
    }

    @AfterEach
    void unsubscribe() throws Exception {
        if (subscriberId != null) {
            mvc.perform(post("/api/integration/subscribers/{id}/deactivate", subscriberId).with(httpBasic("admin", PASSWORD)))
                    .andExpect(status().isOk());
        }
        if (receiver != null) {
            receiver.stop(0);
        }
    }

    @Test
    @DisplayName("R-X-7 a receiver down for a while gets every event once after it returns, in order per order, validly signed")
    void receiverThatComesBackGetsEverythingInOrder() throws Exception {
        receiver = start(0, new AtomicInteger());
        int port = receiver.getAddress().getPort();
        String key = subscribe("http://localhost:" + port + "/yekuo/events");
        receiver.stop(0);

        long first = accept();
        long second = accept();
        cancel(first);
        List<String> firstEvents = recorded(first);
        List<String> secondEvents = recorded(second);
        assertThat(firstEvents).hasSizeGreaterThanOrEqualTo(3);
        assertThat(secondEvents).hasSizeGreaterThanOrEqualTo(2);
        // While it is down, the first event of each order is tried and retried; the later ones wait behind it.
        await(() -> attemptedWhileDown() >= 2, Duration.ofSeconds(60));
        assertThat(received).isEmpty();

        receiver = start(port, new AtomicInteger());
        await(() -> undelivered() == 0, Duration.ofSeconds(90));

        Map<String, List<Received>> byId = received.stream().collect(Collectors.groupingBy(Received::id));
        assertThat(byId.keySet()).containsAll(firstEvents).containsAll(secondEvents);
        assertThat(byId.values()).allSatisfy(copies -> assertThat(copies).hasSize(1));
        assertThat(arrivalOrder(firstEvents)).isEqualTo(firstEvents);
        assertThat(arrivalOrder(secondEvents)).isEqualTo(secondEvents);
        for (Received event : received) {
            assertThat(WebhookSignature.verify(key, event.id(), event.timestamp(), event.body(), event.signature())).isTrue();
            assertThat(Math.abs(Instant.now().getEpochSecond() - event.timestamp())).isLessThan(300);
            assertThat(event.contentType()).startsWith("application/cloudevents+json");
            JsonNode cloudEvent = json.readTree(event.body());
            assertThat(cloudEvent.get("specversion").asString()).isEqualTo("1.0");
            assertThat(cloudEvent.get("id").asString()).isEqualTo(event.id());
            assertThat(cloudEvent.get("type").asString()).startsWith("cn.yekuo.");
            assertThat(cloudEvent.get("data").get("orderNo").asString()).isEqualTo(cloudEvent.get("subject").asString());
        }
        assertThat(types(firstEvents)).startsWith("cn.yekuo.order.accepted").endsWith("cn.yekuo.order.cancelled");
        // A signature under another key, or over another body, does not verify.
        Received any = received.get(0);
        assertThat(WebhookSignature.verify("whsec_" + java.util.Base64.getEncoder().encodeToString(new byte[32]), any.id(),
                any.timestamp(), any.body(), any.signature())).isFalse();
        assertThat(WebhookSignature.verify(key, any.id(), any.timestamp(), any.body() + " ", any.signature())).isFalse();
    }

    @Test
    @DisplayName("R-X-7 a receiver answering 500 is retried with its status recorded until it accepts")
    void serverErrorsAreRetried() throws Exception {
        AtomicInteger failuresLeft = new AtomicInteger(2);
        receiver = start(0, failuresLeft);
        subscribe("http://localhost:" + receiver.getAddress().getPort() + "/hook");
        long order = accept();
        await(() -> undelivered() == 0 && failuresLeft.get() <= 0, Duration.ofSeconds(90));
        List<String> events = recorded(order);
        assertThat(received.stream().map(Received::id).distinct().toList()).containsAll(events);
        Integer attempts = jdbc.sql("select max(d.attempts) from webhook_delivery d where d.subscriber_id = :s")
                .param("s", subscriberId).query(Integer.class).single();
        assertThat(attempts).isGreaterThanOrEqualTo(3);
    }

    @Test
    @DisplayName("Standard Webhooks' published example signs and verifies the same, so receivers can use its libraries")
    void signatureMatchesTheStandardWebhooksExample() {
        String key = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
        String signature = WebhookSignature.sign(key, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, "{\"test\": 2432232314}");
        assertThat(signature).isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    private HttpServer start(int port, AtomicInteger failuresLeft) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("localhost", port), 0);
        server.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (failuresLeft.getAndDecrement() > 0) {
                exchange.sendResponseHeaders(500, -1);
                exchange.close();
                return;
            }
            received.add(new Received(exchange.getRequestHeaders().getFirst("webhook-id"),
                    Long.parseLong(exchange.getRequestHeaders().getFirst("webhook-timestamp")),
                    exchange.getRequestHeaders().getFirst("webhook-signature"),
                    exchange.getRequestHeaders().getFirst("Content-Type"), new String(body, StandardCharsets.UTF_8)));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
        return server;
    }

    private String subscribe(String endpoint) throws Exception {
        String answer = mvc.perform(post("/api/integration/subscribers").with(httpBasic("admin", PASSWORD))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"code\":\"T" + UUID.randomUUID().toString().substring(0, 8).toUpperCase()
                                + "\",\"name\":\"营销系统\",\"endpointUrl\":\"" + endpoint + "\",\"eventTypes\":[]}"))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        JsonNode created = json.readTree(answer);
        subscriberId = created.get("subscriber").get("id").asLong();
        return created.get("signingKey").asString();
    }

    private long accept() throws Exception {
        String body = """
                {"typeCode":"LV_RES_NEW","applicantKind":"PERSON","applicantName":"赵六","subjectCode":"%s","phone":"1370000%04d",
                 "supplyAddress":"示范市城东区人民路 7 号","capacity":8,"capacityUnit":"KW","agent":false}"""
                .formatted(Subjects.idNumber(), (int) (Math.random() * 10_000));
        String answer = mvc.perform(post("/api/applications").with(httpBasic("clerk", PASSWORD))
                        .header("Idempotency-Key", UUID.randomUUID().toString())
                        .contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        return json.readTree(answer).get("id").asLong();
    }

    private void cancel(long order) throws Exception {
        mvc.perform(post("/api/applications/{id}/cancel", order).with(httpBasic("clerk", PASSWORD))
                .contentType(MediaType.APPLICATION_JSON).content("{\"reason\":\"客户撤回申请\"}"))
                .andExpect(status().isOk());
    }

    /** The order's events for this subscriber, in the order they were recorded. */
    private List<String> recorded(long order) {
        return jdbc.sql("select e.event_id from webhook_event e join webhook_delivery d on d.event_id = e.id"
                        + " where e.order_id = :order and d.subscriber_id = :s order by e.id")
                .param("order", order).param("s", subscriberId).query(String.class).list();
    }

    private List<String> types(List<String> eventIds) {
        return eventIds.stream().map(id -> jdbc.sql("select event_type from webhook_event where event_id = :id")
                .param("id", id).query(String.class).single()).toList();
    }

    private List<String> arrivalOrder(List<String> eventIds) {
        return received.stream().map(Received::id).filter(eventIds::contains).toList();
    }

    private long attemptedWhileDown() {
        return jdbc.sql("select count(*) from webhook_delivery where subscriber_id = :s and attempts > 0 and status = 'PENDING'")
                .param("s", subscriberId).query(Long.class).single();
    }

    private long undelivered() {
        return jdbc.sql("select count(*) from webhook_delivery where subscriber_id = :s and status <> 'DELIVERED'")
                .param("s", subscriberId).query(Long.class).single();
    }

    private static void await(BooleanSupplier condition, Duration timeout) throws InterruptedException {
        Instant until = Instant.now().plus(timeout);
        while (!condition.getAsBoolean()) {
            assertThat(Instant.now()).as("waited %s", timeout).isBefore(until);
            Thread.sleep(200);
        }
    }
}
