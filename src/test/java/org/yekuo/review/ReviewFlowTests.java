package org.yekuo.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import com.jayway.jsonpath.JsonPath;

/** Schemes through parallel department review over the REST API, on PostgreSQL (R-REV-1..5). */
@SpringBootTest
@AutoConfigureMockMvc
class ReviewFlowTests {

    static final String PASSWORD = "Yekuo@2026";
    static final byte[] PDF = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF".getBytes(StandardCharsets.US_ASCII);
    static final AtomicInteger PHONES = new AtomicInteger((int) (System.nanoTime() % 10_000_000));

    static final Map<String, Map<String, String>> FIELDS = Map.of(
            "ACCEPTANCE", Map.of(),
            "SITE_SURVEY", Map.of("meterPosition", "配电室", "supplyPoint", "110kV 东郊站", "distanceMetres", "1200",
                    "surveyOpinion", "具备专线接入条件"),
            "SCHEME_DESIGN", Map.of("supplyVoltage", "10kV", "schemeSummary", "东郊站 10kV 专线接入"),
            "SCHEME_REPLY", Map.of("replyDate", "2026-11-27"));
    static final Map<String, String> HANDLERS = Map.of("ACCEPTANCE", "clerk", "SITE_SURVEY", "surveyor",
            "SCHEME_DESIGN", "designer", "SCHEME_REPLY", "clerk");

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Test
    @DisplayName("R-REV-1 R-REV-3 R-REV-4 an HV dedicated-line scheme goes to operations, marketing and dispatch at once; "
            + "dispatch returns it against operations' pass, the leader rules, and the revision goes back to dispatch only")
    void dedicatedLineDisputeIsRuledByTheLeader() throws Exception {
        long id = hvOrder("HV_DEDICATED_LINE");
        for (String node : List.of("ACCEPTANCE", "SITE_SURVEY", "SCHEME_DESIGN")) {
            work(id, node);
        }
        Map<String, String> tasks = reviewTasks(id);
        assertThat(tasks).containsOnlyKeys("REVIEWER_OPERATIONS", "REVIEWER_MARKETING", "REVIEWER_DISPATCH");
        // Two working days from the calendar, on every department's task.
        mvc.perform(get("/api/reviews/orders/{id}", id).with(httpBasic("designer", PASSWORD)))
                .andExpect(jsonPath("$.rounds[0].reviews[*].dueAt").value(Matchers.everyItem(Matchers.notNullValue())))
                .andExpect(jsonPath("$.rounds[0].round.state").value("OPEN"));

        countersign(tasks.get("REVIEWER_OPERATIONS"), "ops", "PASS", List.of("HV-3"), "电源点与回路数满足要求")
                .andExpect(status().isOk());
        countersign(tasks.get("REVIEWER_MARKETING"), "marketing", "PASS", List.of(), "").andExpect(status().isOk());
        countersign(tasks.get("REVIEWER_DISPATCH"), "dispatch", "RETURN", List.of("HV-23"),
                "东郊站 10kV 间隔已满，需改由北郊站 931 间隔接入并补充潮流计算").andExpect(status().isOk());

        // RETURN against PASS: the leader in charge arbitrates.
        String arbitration = openTaskOf(id, "LEADER");
        mvc.perform(get("/api/reviews/orders/{id}", id).with(httpBasic("leader", PASSWORD)))
                .andExpect(jsonPath("$.rounds[0].round.state").value("DISPUTED"))
                .andExpect(jsonPath("$.rounds[0].conflicts[0]").value(Matchers.startsWith("RETURN_AGAINST_PASS")));
        mvc.perform(post("/api/reviews/arbitrations/{t}/open", arbitration).with(httpBasic("leader", PASSWORD)))
                .andExpect(status().isNoContent());
        rule(arbitration, "MODIFY", List.of("HV-3", "HV-23"), "改由北郊站 931 间隔专线接入，补充潮流计算书", List.of())
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[*].field").value(Matchers.hasItem("departments")));
        rule(arbitration, "MODIFY", List.of("HV-3", "HV-23"), "改由北郊站 931 间隔专线接入，补充潮流计算书", List.of("DISPATCH"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.departments").value(Matchers.contains("DISPATCH")));

        // The designer revises once; the revision goes back to dispatch only.
        work(id, "SCHEME_DESIGN");
        assertThat(reviewTasks(id)).containsOnlyKeys("REVIEWER_DISPATCH");
        countersign(reviewTasks(id).get("REVIEWER_DISPATCH"), "dispatch", "PASS", List.of("HV-23"), "北郊站间隔可用")
                .andExpect(status().isOk());
        mvc.perform(get("/api/applications/{id}", id).with(httpBasic("clerk", PASSWORD)))
                .andExpect(jsonPath("$.openItems[0].nodeCode").value("SCHEME_REPLY"));
        String board = mvc.perform(get("/api/reviews/orders/{id}", id).with(httpBasic("leader", PASSWORD)))
                .andExpect(jsonPath("$.rounds[0].ruling.ruledBy").value("leader"))
                .andExpect(jsonPath("$.rounds[1].round.state").value("PASSED"))
                .andReturn().getResponse().getContentAsString();
        int reviewId = JsonPath.read(board, "$.rounds[0].reviews[2].review.id");
        mvc.perform(get("/api/reviews/{r}/signature", reviewId).with(httpBasic("dispatch", PASSWORD)))
                .andExpect(jsonPath("$.valid").value(true))
                .andExpect(jsonPath("$.statement.algorithm").value("SM3withSM2"))
                .andExpect(jsonPath("$.statement.payload").value(Matchers.containsString("verdict=RETURN")));
    }

    @Test
    @DisplayName("R-REV-1 an HV single-supply scheme goes to operations and marketing only, never to dispatch")
    void singleSupplySchemeSkipsDispatch() throws Exception {
        long id = hvOrder("HV_NEW_SINGLE");
        for (String node : List.of("ACCEPTANCE", "SITE_SURVEY", "SCHEME_DESIGN")) {
            work(id, node);
        }
        assertThat(reviewTasks(id)).containsOnlyKeys("REVIEWER_OPERATIONS", "REVIEWER_MARKETING");
    }

    // --- helpers

    long hvOrder(String type) throws Exception {
        String body = """
                {"typeCode":"%s","applicantKind":"ORGANISATION","applicantName":"示范科技有限公司","subjectCode":"91110000802100433B",
                 "phone":"%s","supplyAddress":"示范市东郊工业园 8 号","capacity":4000,"capacityUnit":"KVA","agent":false}"""
                .formatted(type, "139" + String.format("%08d", PHONES.incrementAndGet() % 100_000_000));
        String created = mvc.perform(post("/api/applications").with(httpBasic("clerk", PASSWORD))
                        .header("Idempotency-Key", UUID.randomUUID().toString()).contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        long id = ((Number) JsonPath.read(created, "$.id")).longValue();
        for (String material : List.of("LEGAL_REPRESENTATIVE_ID", "PROPERTY_OR_LAND_USE_PROOF", "EQUIPMENT_LIST", "LOAD_CALCULATION")) {
            mvc.perform(multipart("/api/applications/{id}/materials/{m}", id, material)
                    .file(new MockMultipartFile("file", material + ".pdf", "application/pdf", PDF))
                    .with(httpBasic("clerk", PASSWORD)));
        }
        return id;
    }

    void work(long id, String node) throws Exception {
        String user = HANDLERS.get(node);
        String order = mvc.perform(get("/api/applications/{id}", id).with(httpBasic(user, PASSWORD)))
                .andExpect(jsonPath("$.openItems[0].nodeCode").value(node)).andReturn().getResponse().getContentAsString();
        String taskId = JsonPath.read(order, "$.openItems[0].taskId");
        mvc.perform(post("/api/tasks/{t}/sign-for", taskId).with(httpBasic(user, PASSWORD))).andExpect(status().isOk());
        StringBuilder json = new StringBuilder("{\"fields\":{");
        FIELDS.get(node).forEach((k, v) -> json.append(json.charAt(json.length() - 1) == '{' ? "" : ",")
                .append('"').append(k).append("\":\"").append(v).append('"'));
        mvc.perform(post("/api/tasks/{t}/complete", taskId).with(httpBasic(user, PASSWORD))
                .contentType(MediaType.APPLICATION_JSON).content(json.append("}}").toString())).andExpect(status().isNoContent());
    }

    /** The order's open review tasks by reviewer role. */
    Map<String, String> reviewTasks(long id) throws Exception {
        String order = mvc.perform(get("/api/applications/{id}", id).with(httpBasic("clerk", PASSWORD)))
                .andReturn().getResponse().getContentAsString();
        List<Map<String, Object>> items = JsonPath.read(order, "$.openItems[?(@.nodeCode == 'SCHEME_REVIEW')]");
        java.util.Map<String, String> byRole = new java.util.TreeMap<>();
        for (Map<String, Object> item : items) {
            @SuppressWarnings("unchecked")
            List<String> roles = (List<String>) item.get("roles");
            byRole.put(roles.get(0), (String) item.get("taskId"));
        }
        return byRole;
    }

    String openTaskOf(long id, String role) throws Exception {
        String order = mvc.perform(get("/api/applications/{id}", id).with(httpBasic("clerk", PASSWORD)))
                .andReturn().getResponse().getContentAsString();
        List<String> ids = JsonPath.read(order, "$.openItems[?('" + role + "' in @.roles)].taskId");
        assertThat(ids).as(order).hasSize(1);
        return ids.get(0);
    }

    ResultActions countersign(String taskId, String user, String verdict, List<String> clauses, String text) throws Exception {
        mvc.perform(post("/api/reviews/tasks/{t}/open", taskId).with(httpBasic(user, PASSWORD)));
        return mvc.perform(post("/api/reviews/tasks/{t}/opinion", taskId).with(httpBasic(user, PASSWORD))
                .contentType(MediaType.APPLICATION_JSON).content(opinion(verdict, clauses, text)));
    }

    ResultActions rule(String taskId, String verdict, List<String> clauses, String text, List<String> departments) throws Exception {
        String body = "{\"verdict\":\"%s\",\"clauses\":%s,\"opinion\":\"%s\",\"meeting\":\"2026-11-20 专题会：调度、运检、营销参会\",\"departments\":%s}"
                .formatted(verdict, json(clauses), text, json(departments));
        return mvc.perform(post("/api/reviews/arbitrations/{t}/ruling", taskId).with(httpBasic("leader", PASSWORD))
                .contentType(MediaType.APPLICATION_JSON).content(body));
    }

    static String opinion(String verdict, List<String> clauses, String text) {
        return "{\"verdict\":\"%s\",\"clauses\":%s,\"text\":\"%s\"}".formatted(verdict, json(clauses), text);
    }

    static String json(List<String> values) {
        return values.stream().map(v -> "\"" + v + "\"").collect(java.util.stream.Collectors.joining(",", "[", "]"));
    }
}
