package org.yekuo.integration;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.yekuo.support.Subjects;

/**
 * Health probes and metrics answer on the management port, over real HTTP (the port is a second server),
 * with anonymous access only to the probes and the Prometheus scrape.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OperationsEndpointsTests {

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    @Test
    @DisplayName("liveness and readiness answer UP to an anonymous probe on the management port, without details")
    void probesAnswerAnonymously() throws Exception {
        assertThat(managementPort).isNotEqualTo(port);
        HttpResponse<String> liveness = management("/actuator/health/liveness", null);
        assertThat(liveness.statusCode()).isEqualTo(200);
        assertThat(liveness.body()).contains("\"status\":\"UP\"");
        HttpResponse<String> readiness = management("/actuator/health/readiness", null);
        assertThat(readiness.statusCode()).isEqualTo(200);
        assertThat(readiness.body()).contains("\"status\":\"UP\"").doesNotContain("workflowEngine").doesNotContain("smsGateway");
    }

    @Test
    @DisplayName("readiness names the database, the engine, the SMS gateway and the e-licence platform with their details to an "
            + "administrator")
    void readinessDetailsNeedAnAdministrator() throws Exception {
        HttpResponse<String> readiness = management("/actuator/health/readiness", "admin");
        assertThat(readiness.statusCode()).isEqualTo(200);
        assertThat(readiness.body()).contains("\"db\"").contains("\"workflowEngine\"").contains("\"processDefinitions\"")
                .contains("\"smsGateway\"").contains("\"oldestDueWaitedSeconds\"").contains("\"readinessState\"")
                .contains("\"licencePlatform\"").contains("\"registry\":\"simulator\"");
    }

    @Test
    @DisplayName("Prometheus scrapes without an account: latency, orders accepted, open nodes by colour, SMS queue, engine jobs")
    void prometheusScrapeCarriesTheProductMetrics() throws Exception {
        String orderNo = acceptOrder();
        assertThat(orderNo).startsWith("YK-");
        HttpResponse<String> scrape = management("/actuator/prometheus", null);
        assertThat(scrape.statusCode()).isEqualTo(200);
        assertThat(scrape.body())
                .contains("yekuo_orders_accepted_total{application=\"yekuo\",channel=\"counter\",type=\"LV_RES_NEW\"}")
                .contains("yekuo_nodes_open{application=\"yekuo\",colour=\"green\"}")
                .contains("yekuo_nodes_open{application=\"yekuo\",colour=\"red\"}")
                .contains("yekuo_sms_queue{application=\"yekuo\",state=\"failed\"}")
                .contains("yekuo_engine_jobs{application=\"yekuo\",kind=\"dead-letter\"}")
                .contains("http_server_requests_seconds_bucket{")
                .contains("le=\"0.3\"");
    }

    @Test
    @DisplayName("every other management endpoint needs an administrator: anonymous 401, a clerk 403")
    void otherEndpointsNeedAnAdministrator() throws Exception {
        assertThat(management("/actuator/metrics", null).statusCode()).isEqualTo(401);
        assertThat(management("/actuator/metrics", "clerk").statusCode()).isEqualTo(403);
        assertThat(management("/actuator/metrics", "admin").statusCode()).isEqualTo(200);
        assertThat(management("/actuator/health", "clerk").body()).doesNotContain("workflowEngine");
    }

    @Test
    @DisplayName("the application port serves no management endpoint")
    void applicationPortHasNoActuator() throws Exception {
        HttpResponse<String> response = http(port, "/actuator/prometheus", "admin", "GET", null);
        assertThat(response.statusCode()).isEqualTo(404);
    }

    @Test
    @DisplayName("every response carries a trace id; a caller's W3C traceparent is kept")
    void requestsCarryATraceId() throws Exception {
        HttpResponse<String> fresh = http(port, "/login", null, "GET", null);
        assertThat(fresh.headers().firstValue("X-Trace-Id")).get().asString().matches("[0-9a-f]{32}");
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/login"))
                .header("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01").build();
        HttpResponse<String> followed = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(followed.headers().firstValue("X-Trace-Id")).contains("4bf92f3577b34da6a3ce929d0e0e4736");
    }

    private String acceptOrder() throws Exception {
        String body = """
                {"typeCode":"LV_RES_NEW","applicantKind":"PERSON","applicantName":"王五","subjectCode":"%s","phone":"1390000%04d",
                 "supplyAddress":"示范市城东区人民路 100 号","capacity":8,"capacityUnit":"KW","agent":false}"""
                .formatted(Subjects.idNumber(), (int) (Math.random() * 10_000));
        HttpResponse<String> accepted = http(port, "/api/applications", "clerk", "POST", body);
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(201);
        return accepted.body().replaceAll(".*\"orderNo\":\"([^\"]+)\".*", "$1");
    }

    private HttpResponse<String> management(String path, String user) throws Exception {
        return http(managementPort, path, user, "GET", null);
    }

    private static HttpResponse<String> http(int port, String path, String user, String method, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Accept", "application/json, text/plain;q=0.9, */*;q=0.5");
        if (user != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":Yekuo@2026").getBytes(StandardCharsets.UTF_8)));
        }
        if (json != null) {
            request.header("Content-Type", "application/json").header("Idempotency-Key", UUID.randomUUID().toString());
        }
        request.method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }
}
