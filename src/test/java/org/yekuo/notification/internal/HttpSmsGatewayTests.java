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
        provider.start();
        URI url = URI.create("http://127.0.0.1:" + provider.getAddress().getPort() + "/sms");
        gateway = new HttpSmsGateway(new SmsProperties.Http(url, null, Duration.ofSeconds(5)), JsonMapper.builder().build());
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
}
