package org.yekuo.deadline;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.yekuo.support.LvSchemeCheck;

import com.jayway.jsonpath.JsonPath;

/** Drives orders through the REST API as the counter and the field do, for the deadline tests. */
final class DeadlineScenario {

    static final String PASSWORD = "Yekuo@2026";
    private static final AtomicInteger SERIAL = new AtomicInteger(ThreadLocalRandom.current().nextInt(100_000));

    static final Map<String, Map<String, String>> FIELDS = Map.of(
            "ACCEPTANCE", Map.of(),
            "SITE_SURVEY", Map.of("meterPosition", "east wall", "supplyPoint", "No. 3", "distanceMetres", "35",
                    "surveyOpinion", "ok"),
            "SCHEME_DESIGN", LvSchemeCheck.passed(Map.of("supplyVoltage", "220V", "supplyPoint", "No. 3", "meteringMethod", "LV_LV", "tariffCategory", "RESIDENTIAL", "schemeSummary", "single phase")));

    private final MockMvc mvc;
    private final JdbcClient jdbc;

    DeadlineScenario(MockMvc mvc, JdbcClient jdbc) {
        this.mvc = mvc;
        this.jdbc = jdbc;
    }

    /** Accepts an LV residential order of an applicant nobody else uses (so its property proof is deferred). */
    long acceptLvOrder() throws Exception {
        String body = """
                {"typeCode":"LV_RES_NEW","applicantKind":"PERSON","applicantName":"Zhao Liu","subjectCode":"%s","phone":"%s",
                 "supplyAddress":"100 Renmin Road","capacity":8,"capacityUnit":"KW","agent":false}"""
                .formatted(newIdNumber(), newPhone());
        String created = mvc.perform(post("/api/applications").with(httpBasic("clerk", PASSWORD))
                        .header("Idempotency-Key", UUID.randomUUID().toString())
                        .contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        return ((Number) JsonPath.read(created, "$.id")).longValue();
    }

    String orderNo(long orderId) {
        return jdbc.sql("select order_no from application where id = ?").param(orderId).query(String.class).single();
    }

    String openTask(long orderId, String user) throws Exception {
        String order = mvc.perform(get("/api/applications/{id}", orderId).with(httpBasic(user, PASSWORD)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        return JsonPath.read(order, "$.openItems[0].taskId");
    }

    ResultActions signFor(String taskId, String user) throws Exception {
        return mvc.perform(post("/api/tasks/{t}/sign-for", taskId).with(httpBasic(user, PASSWORD)));
    }

    ResultActions complete(String taskId, String user, String node) throws Exception {
        StringBuilder json = new StringBuilder("{\"fields\":{");
        FIELDS.get(node).forEach((k, v) -> json.append(json.charAt(json.length() - 1) == '{' ? "" : ",")
                .append('"').append(k).append("\":\"").append(v).append('"'));
        json.append("}}");
        return mvc.perform(post("/api/tasks/{t}/complete", taskId).with(httpBasic(user, PASSWORD))
                .contentType(MediaType.APPLICATION_JSON).content(json.toString()));
    }

    /** Signs for and completes the order's open node as {@code user}. */
    void work(long orderId, String user, String node) throws Exception {
        String task = openTask(orderId, user);
        signFor(task, user).andExpect(status().isOk());
        complete(task, user, node).andExpect(status().isNoContent());
    }

    long deadlineId(long orderId, String node) {
        return jdbc.sql("select id from node_deadline where order_id = ? and node_code = ?").params(orderId, node)
                .query(Long.class).single();
    }

    long sms(String orderNo, String template) {
        return jdbc.sql("select count(*) from sms_outbox where business_ref = ? and template_code = ?").params(orderNo, template)
                .query(Long.class).single();
    }

    List<String> smsBodies(String orderNo, String template) {
        return jdbc.sql("select body from sms_outbox where business_ref = ? and template_code = ?").params(orderNo, template)
                .query(String.class).list();
    }

    static String newPhone() {
        return "139" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
    }

    /** A valid resident ID number (GB 11643 check character) that no other test uses. */
    static String newIdNumber() {
        int n = SERIAL.incrementAndGet();
        String first17 = "330106" + "1990" + String.format("%02d", 1 + n % 12) + String.format("%02d", 1 + n % 28)
                + String.format("%03d", (n / 336) % 1000);
        int[] weights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * weights[i];
        }
        return first17 + "10X98765432".charAt(sum % 11);
    }
}
