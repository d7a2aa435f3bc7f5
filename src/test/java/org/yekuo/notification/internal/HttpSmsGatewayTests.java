package org.yekuo.notification.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

import tools.jackson.databind.json.JsonMapper;

class HttpSmsGatewayTests {

    private HttpServer provider;
    private final List<String> idempotencyKeys = new CopyOnWriteArrayList<>();
    private final List<String> bodies = new CopyOnWriteArrayList<>();
    private final List<String> statusQueries = new CopyOnWriteArrayList<>();
    private final AtomicInteger answer = new AtomicInteger(200);
    private HttpSmsGateway gateway;

    @BeforeEach
    void startProvider() throws Exception {
        provider = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        provider.createContext("/sms", exchange -> {
            idempotencyKeys.add(exchange.getRequestHeaders().getFirst(HttpSmsGateway.IDEMPOTENCY_HEADER));
            bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(answer.get(), -1);
            exchange.close();
        });
        // The provider's status query: it has messages it answered 2xx for, 42 among them; 99 makes it fail.
        provider.createContext("/sms-status", exchange -> {
            String query = exchange.getRequestURI().getQuery();
            statusQueries.add(query);
            exchange.sendResponseHeaders(query.endsWith("id=99") ? 500 : query.endsWith("id=42") ? 200 : 404, -1);
            exchange.close();
        });
        provider.start();
        String base = "http://127.0.0.1:" + provider.getAddress().getPort();
        gateway = new HttpSmsGateway(new SmsProperties.Http(URI.create(base + "/sms"), null, Duration.ofSeconds(5),
                URI.create(base + "/sms-status?account=yekuo")), JsonMapper.builder().build());
    }

    @AfterEach
    void stopProvider() {
        provider.stop(0);
    }

    @Test
    @DisplayName("R-X-4 the HTTP gateway posts JSON with the outbox id as idempotency key")
    void postsJsonWithIdempotencyKey() {
        gateway.send(42, "13812345678", "hello");
        assertThat(idempotencyKeys).containsExactly("yekuo-sms-42");
        assertThat(bodies).containsExactly("{\"id\":42,\"phone\":\"13812345678\",\"text\":\"hello\"}");
    }

    @Test
    @DisplayName("R-X-4 a provider error is a failure for the dispatcher to retry")
    void providerErrorFails() {
        answer.set(503);
        assertThatThrownBy(() -> gateway.send(43, "13812345678", "hello"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("503").hasMessageNotContaining("13812345678");
    }

    @Test
    @DisplayName("R-X-4 before a message goes again the provider's status query says whether it has it; a failing query says nothing")
    void statusQueryTellsWhetherTheProviderHasTheMessage() {
        assertThat(gateway.delivery(42)).isEqualTo(SmsGateway.Delivery.ACCEPTED);
        assertThat(gateway.delivery(43)).isEqualTo(SmsGateway.Delivery.NOT_RECEIVED);
        assertThat(gateway.delivery(99)).isEqualTo(SmsGateway.Delivery.UNKNOWN);
        assertThat(statusQueries).containsExactly("account=yekuo&id=42", "account=yekuo&id=43", "account=yekuo&id=99");
        HttpSmsGateway withoutStatusQuery = new HttpSmsGateway(new SmsProperties.Http(URI.create("http://127.0.0.1:1/sms"), null,
                Duration.ofSeconds(5), null), JsonMapper.builder().build());
        assertThat(withoutStatusQuery.delivery(42)).isEqualTo(SmsGateway.Delivery.UNKNOWN);
    }
}
