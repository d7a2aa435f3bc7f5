package org.yekuo.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.yekuo.intake.ApplicationLifecycleTests.fields;
import static org.yekuo.intake.ApplicationLifecycleTests.HANDLERS;
import static org.yekuo.intake.ApplicationLifecycleTests.PASSWORD;
import static org.yekuo.intake.ApplicationLifecycleTests.PDF;
import static org.yekuo.intake.ApplicationLifecycleTests.application;
import static org.yekuo.intake.ApplicationLifecycleTests.newIdNumber;
import static org.yekuo.intake.ApplicationLifecycleTests.newPhone;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

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
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.yekuo.audit.AuditSentences;
import org.yekuo.audit.AuditTrail;

import com.jayway.jsonpath.JsonPath;

/**
 * R-REV-2 (LV half): the designer of an LV order checks the scheme against the LV guideline's 5 items before it
 * passes; a failed item keeps it from passing, and the answers stay with the order for everyone after.
 */
@SpringBootTest
@AutoConfigureMockMvc
class SchemeCheckTests {

    /** The LV scheme's own fields, without the check. */
    private static final Map<String, String> SCHEME = Map.of("supplyVoltage", "220V", "supplyPoint", "3号公变 0.4kV 出线",
            "meteringMethod", "LV_LV", "tariffCategory", "RESIDENTIAL", "schemeSummary", "单相表计接入");

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    AuditTrail audit;

    @Autowired
    AuditSentences sentences;

    @Test
    @DisplayName("R-REV-2 an LV scheme passes only with all 5 LV items answered and none failed; a refusal names each item and saves nothing")
    void lvSchemeNeedsEveryItemAnsweredAndNoneFailed() throws Exception {
        long id = atDesign();
        String design = signedFor(id, "designer", "SCHEME_DESIGN");

        mvc.perform(get("/api/tasks/{t}/scheme-check", design).with(httpBasic("designer", PASSWORD))).andExpect(status().isOk())
                .andExpect(jsonPath("$.guidelineCode").value("LV"))
                .andExpect(jsonPath("$.round").value(0))
                .andExpect(jsonPath("$.items[*].clauseNo").value(Matchers.contains("LV-1", "LV-2", "LV-3", "LV-4", "LV-5")))
                .andExpect(jsonPath("$.items[0].field").value("check.LV-1"))
                .andExpect(jsonPath("$.items[0].noteField").value("check.LV-1.note"))
                .andExpect(jsonPath("$.items[0].department").value("MARKETING"));

        complete(design, SCHEME).andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[*].field").value(Matchers.containsInAnyOrder("check.LV-1", "check.LV-2", "check.LV-3",
                        "check.LV-4", "check.LV-5")))
                .andExpect(jsonPath("$.errors[?(@.field == 'check.LV-2')].message")
                        .value(Matchers.hasItem(Matchers.containsString("接入点及供电半径"))));

        Map<String, String> failed = answers("PASSED", "FAILED", "PASSED", "NOT_APPLICABLE", "PASSED");
        failed.put("check.LV-4.note", "沿用原表箱，进户线不变");
        complete(design, failed).andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[*].field").value(Matchers.contains("check.LV-2.note")));
        failed.put("check.LV-2.note", "供电半径 320 米，超过 250 米");
        complete(design, failed).andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.code").value("intake.scheme-check.refused"))
                .andExpect(jsonPath("$.errors[*].field").value(Matchers.contains("check.LV-2")))
                .andExpect(jsonPath("$.errors[0].message").value(Matchers.containsString("修改方案")));

        Map<String, String> unexplained = answers("PASSED", "PASSED", "PASSED", "NOT_APPLICABLE", "MAYBE");
        complete(design, unexplained).andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[*].field").value(Matchers.containsInAnyOrder("check.LV-4.note", "check.LV-5")));

        // Nothing of the refused tries is kept: no answers, no scheme fields, the node still open.
        assertThat(jdbc.sql("select count(*) from scheme_check_answer where application_id = ?").param(id).query(Long.class).single())
                .isZero();
        assertThat(jdbc.sql("select count(*) from application_node_field where application_id = ? and node_code = 'SCHEME_DESIGN'").param(id)
                .query(Long.class).single()).isZero();
        mvc.perform(get("/api/applications/{id}/scheme-check", id).with(httpBasic("designer", PASSWORD)))
                .andExpect(status().isNotFound());

        Map<String, String> passing = answers("PASSED", "PASSED", "PASSED", "NOT_APPLICABLE", "PASSED");
        passing.put("check.LV-4.note", "沿用原表箱，进户线不变");
        complete(design, passing).andExpect(status().isNoContent());

        mvc.perform(get("/api/applications/{id}/scheme-check", id).with(httpBasic("clerk", PASSWORD))).andExpect(status().isOk())
                .andExpect(jsonPath("$.round").value(1))
                .andExpect(jsonPath("$.guidelineVersion").value(Matchers.greaterThanOrEqualTo(1)))
                .andExpect(jsonPath("$.checkedBy").value("designer"))
                .andExpect(jsonPath("$.items[*].verdict").value(Matchers.contains("PASSED", "PASSED", "PASSED", "NOT_APPLICABLE", "PASSED")))
                .andExpect(jsonPath("$.items[3].note").value("沿用原表箱，进户线不变"));
        String orderNo = JsonPath.read(order(id), "$.orderNo");
        assertThat(sentences.lines(audit.forSubject("application", orderNo), Locale.SIMPLIFIED_CHINESE).stream()
                .filter(l -> l.sentence().contains("对照低压审查指引自查了供电方案")).toList()).singleElement()
                .satisfies(l -> assertThat(l.details().toString()).contains("LV-1", "LV-4", "不适用项"));
    }

    @Test
    @DisplayName("R-REV-2 the designer answers the LV check on the scheme page; a fail comes back with the item marked and the answers kept; "
            + "the order page and the next node show the check")
    void designerAnswersTheCheckOnThePage() throws Exception {
        long id = atDesign();
        String design = signedFor(id, "designer", "SCHEME_DESIGN");
        String page = mvc.perform(get("/tasks/{t}", design).with(httpBasic("designer", PASSWORD)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("data-testid=\"scheme-check\"", "低压方案审查（5 项）", "计量装置安装位置合理", "营销部门",
                "name=\"check.LV-5\"", "value=\"NOT_APPLICABLE\"", "form=\"node-form\"");

        Map<String, String> failed = answers("PASSED", "PASSED", "FAILED", "PASSED", "PASSED");
        failed.put("check.LV-3.note", "三相负荷应配三相表");
        String refused = form(post("/tasks/{t}/complete", design), failed).andExpect(status().isUnprocessableContent())
                .andReturn().getResponse().getContentAsString();
        assertThat(refused).contains("data-testid=\"error-check.LV-3\"", "方案不满足第 LV-3 项", "三相负荷应配三相表");
        assertThat(refused.replaceAll("\\s+", " ")).containsPattern("value=\"FAILED\" id=\"check.LV-3-FAILED\" checked");

        Map<String, String> passing = answers("PASSED", "PASSED", "PASSED", "PASSED", "PASSED");
        form(post("/tasks/{t}/complete", design), passing).andExpect(status().is3xxRedirection());

        String orderPage = mvc.perform(get("/orders/{id}", id).with(httpBasic("clerk", PASSWORD)))
                .andReturn().getResponse().getContentAsString();
        assertThat(orderPage).contains("data-testid=\"scheme-checked\"", "低压方案审查自查结果", "data-clause=\"LV-5\" data-verdict=\"PASSED\"");
        String reply = signedFor(id, "clerk", "SCHEME_REPLY");
        assertThat(mvc.perform(get("/tasks/{t}", reply).with(httpBasic("clerk", PASSWORD))).andReturn().getResponse().getContentAsString())
                .contains("data-testid=\"scheme-checked\"").doesNotContain("data-testid=\"scheme-check\"");
        mvc.perform(get("/api/tasks/{t}/scheme-check", reply).with(httpBasic("clerk", PASSWORD))).andExpect(status().isNotFound());
    }

    @Test
    @DisplayName("R-REV-2 the check is read in scope only, and a task's sheet only by whoever may work the task")
    void checkIsReadInScope() throws Exception {
        long id = atDesign();
        String design = signedFor(id, "designer", "SCHEME_DESIGN");
        mvc.perform(get("/api/tasks/{t}/scheme-check", design).with(httpBasic("surveyor", PASSWORD))).andExpect(status().isNotFound());
        complete(design, answers("PASSED", "PASSED", "PASSED", "PASSED", "PASSED")).andExpect(status().isNoContent());
        mvc.perform(get("/api/applications/{id}/scheme-check", id).with(httpBasic("clerk.west", PASSWORD)))
                .andExpect(status().isNotFound());
        mvc.perform(get("/api/applications/{id}/scheme-check", id)).andExpect(status().isUnauthorized());
    }

    /** An LV residential order at its scheme design, the property proof supplied. */
    private long atDesign() throws Exception {
        String created = mvc.perform(post("/api/applications").with(httpBasic("clerk", PASSWORD))
                        .header("Idempotency-Key", UUID.randomUUID().toString()).contentType(MediaType.APPLICATION_JSON)
                        .content(application("LV_RES_NEW", "PERSON", "张三丰", newIdNumber(), newPhone())))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        long id = ((Number) JsonPath.read(created, "$.id")).longValue();
        for (String node : List.of("ACCEPTANCE", "SITE_SURVEY")) {
            complete(signedFor(id, HANDLERS.get(node), node), HANDLERS.get(node), fields().get(node)).andExpect(status().isNoContent());
        }
        mvc.perform(multipart("/api/applications/{id}/materials/{m}", id, "PROPERTY_PROOF")
                .file(new MockMultipartFile("file", "proof.pdf", "application/pdf", PDF))
                .with(httpBasic("clerk", PASSWORD))).andExpect(status().isOk());
        return id;
    }

    private static Map<String, String> answers(String... verdicts) {
        Map<String, String> fields = new LinkedHashMap<>(SCHEME);
        for (int i = 0; i < verdicts.length; i++) {
            fields.put("check.LV-" + (i + 1), verdicts[i]);
        }
        return fields;
    }

    private String signedFor(long id, String user, String node) throws Exception {
        List<String> tasks = JsonPath.read(order(id), "$.openItems[?(@.nodeCode == '" + node + "')].taskId");
        assertThat(tasks).as("open " + node).isNotEmpty();
        mvc.perform(post("/api/tasks/{t}/sign-for", tasks.get(0)).with(httpBasic(user, PASSWORD))).andExpect(status().isOk());
        return tasks.get(0);
    }

    private ResultActions complete(String taskId, Map<String, String> fields) throws Exception {
        return complete(taskId, "designer", fields);
    }

    private ResultActions complete(String taskId, String user, Map<String, String> fields) throws Exception {
        StringBuilder json = new StringBuilder("{\"fields\":{");
        fields.forEach((k, v) -> json.append(json.charAt(json.length() - 1) == '{' ? "" : ",")
                .append('"').append(k).append("\":\"").append(v).append('"'));
        return mvc.perform(post("/api/tasks/{t}/complete", taskId).with(httpBasic(user, PASSWORD))
                .contentType(MediaType.APPLICATION_JSON).content(json.append("}}").toString()));
    }

    private ResultActions form(MockHttpServletRequestBuilder request, Map<String, String> fields) throws Exception {
        fields.forEach(request::param);
        return mvc.perform(request.with(httpBasic("designer", PASSWORD)).with(csrf()));
    }

    private String order(long id) throws Exception {
        return mvc.perform(get("/api/applications/{id}", id).with(httpBasic("clerk", PASSWORD)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    }
}
