package org.yekuo.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.yekuo.intake.ApplicationLifecycleTests.fields;
import static org.yekuo.intake.ApplicationLifecycleTests.PASSWORD;
import static org.yekuo.intake.ApplicationLifecycleTests.PDF;
import static org.yekuo.intake.ApplicationLifecycleTests.today;
import static org.yekuo.intake.ApplicationLifecycleTests.application;
import static org.yekuo.intake.ApplicationLifecycleTests.newIdNumber;
import static org.yekuo.intake.ApplicationLifecycleTests.newPhone;

import java.time.LocalDate;
import java.util.Optional;
import java.util.List;
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
import org.yekuo.audit.AuditEntry;
import org.yekuo.audit.AuditTrail;
import org.yekuo.shared.ClockConfiguration;
import org.yekuo.support.Subjects;

import com.jayway.jsonpath.JsonPath;

/**
 * What passes from one person to the next on an order, through the REST API on PostgreSQL: outcomes that
 * route the process, dates in the order's course, one-certificate start for every type, findable orders,
 * the character policy of names and addresses.
 */
@SpringBootTest
@AutoConfigureMockMvc
class TaskWorkTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    AuditTrail audit;

    @Autowired
    ApplicationIntake intake;

    @Test
    @DisplayName("R-DOC-2 R-MAT-3 a failed design review sends the HV order back to the designer with its reason, is counted, "
            + "and the redesigned scheme passes on; acceptance took the business licence alone")
    void failedDesignReviewGoesBackToTheDesigner() throws Exception {
        long id = hvOrder();
        String review = signedFor(id, "ops", "DESIGN_REVIEW");
        // A fail needs its reason; a return to a node the order does not plan is refused by name.
        complete(review, "ops", Map.of("outcome", "FAIL")).andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[?(@.field == 'reason')].message").value(Matchers.hasItem(Matchers.containsString("原因"))));
        complete(review, "ops", Map.of("outcome", "FAIL", "reason", "配电室位置不满足安全距离", "returnTo", "POWER_ON"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[*].field").value(Matchers.hasItem("returnTo")));
        complete(review, "ops", Map.of("outcome", "FAIL", "reason", "配电室位置不满足安全距离，请调整方案"))
                .andExpect(status().isNoContent());

        mvc.perform(get("/api/applications/{id}", id).with(httpBasic("designer", PASSWORD)))
                .andExpect(jsonPath("$.currentNode").value("SCHEME_DESIGN"))
                .andExpect(jsonPath("$.openItems[*].nodeCode").value(Matchers.contains("SCHEME_DESIGN")));
        assertThat(jdbc.sql("select count(*) from node_outcome where application_id = ? and outcome = 'FAIL'").param(id)
                .query(Long.class).single()).isEqualTo(1);
        // The designer's task page shows why it came back and starts from the earlier scheme.
        String design = signedFor(id, "designer", "SCHEME_DESIGN");
        String page = mvc.perform(get("/tasks/{t}", design).with(httpBasic("designer", PASSWORD)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("data-testid=\"sent-back\"").contains("配电室位置不满足安全距离").contains("退回记录（1 次）")
                .contains("data-testid=\"survey\"").contains("东墙外表箱")
                .contains("单相表计接入");
        assertThat(page).containsPattern("<option value=\"LV_LV\" selected");
        complete(design, "designer", fields().get("SCHEME_DESIGN")).andExpect(status().isNoContent());
        assertThat(audit.forSubject("application", orderNo(id))).extracting(AuditEntry::detail)
                .anyMatch(d -> d.contains("outcome=FAIL returnTo=SCHEME_DESIGN"));
    }

    @Test
    @DisplayName("R-DOC-2 a date before the order's acceptance or after today is refused by field, and the progress page "
            + "shows the real power-on date")
    void datesMustFitTheOrdersCourse() throws Exception {
        long id = lvOrder();
        for (String node : List.of("ACCEPTANCE", "SITE_SURVEY")) {
            complete(signedFor(id, ApplicationLifecycleTests.HANDLERS.get(node), node), ApplicationLifecycleTests.HANDLERS.get(node),
                    fields().get(node)).andExpect(status().isNoContent());
        }
        supply(id, "PROPERTY_PROOF");
        complete(signedFor(id, "designer", "SCHEME_DESIGN"), "designer", fields().get("SCHEME_DESIGN")).andExpect(status().isNoContent());
        String reply = signedFor(id, "clerk", "SCHEME_REPLY");
        complete(reply, "clerk", Map.of("replyDate", "2020-01-01")).andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[?(@.field == 'replyDate')].message").value(Matchers.hasItem(Matchers.containsString("受理日期"))));
        String future = LocalDate.now(ClockConfiguration.UTILITY_ZONE).plusYears(4).toString();
        complete(reply, "clerk", Map.of("replyDate", future)).andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[?(@.field == 'replyDate')].message").value(Matchers.hasItem(Matchers.containsString("最晚"))));
        complete(reply, "clerk", Map.of("replyDate", today())).andExpect(status().isNoContent());
        for (String node : List.of("CONTRACT", "METER_INSTALLATION", "POWER_ON")) {
            complete(signedFor(id, ApplicationLifecycleTests.HANDLERS.get(node), node), ApplicationLifecycleTests.HANDLERS.get(node),
                    fields().get(node)).andExpect(status().isNoContent());
        }
        String token = jdbc.sql("select progress_token from application where id = ?").param(id).query(String.class).single();
        assertThat(mvc.perform(get("/s/{token}", token)).andReturn().getResponse().getContentAsString()).contains(today());
    }

    @Test
    @DisplayName("R-MAT-5 a property proof on file is reused for the same address only; a load calculation never")
    void onlyWhatBelongsToTheApplicantIsReused() throws Exception {
        String code = Subjects.creditCode();
        long first = created(accept(hvBody(code, "示范市东郊工业园 9 号")));
        supply(first, "PROPERTY_OR_LAND_USE_PROOF");
        supply(first, "LOAD_CALCULATION");
        supply(first, "LEGAL_REPRESENTATIVE_ID");
        String same = order(created(accept(hvBody(code, "示范市东郊工业园9号"))));
        assertThat(state(same, "PROPERTY_OR_LAND_USE_PROOF")).containsExactly("ON_FILE");
        assertThat(state(same, "LEGAL_REPRESENTATIVE_ID")).containsExactly("ON_FILE");
        assertThat(state(same, "LOAD_CALCULATION")).containsExactly("DEFERRED");
        String elsewhere = order(created(accept(hvBody(code, "示范市西郊物流园 3 号"))));
        assertThat(state(elsewhere, "PROPERTY_OR_LAND_USE_PROOF")).containsExactly("DEFERRED");
        assertThat(state(elsewhere, "LEGAL_REPRESENTATIVE_ID")).containsExactly("ON_FILE");
    }

    @Test
    @DisplayName("R-X-3 orders are found by phone, full name, ID number and address through blind indexes; clerks reveal the "
            + "phone, audited, designers may not")
    void ordersAreFindable() throws Exception {
        String phone = newPhone();
        String idNumber = newIdNumber();
        String orderNo = JsonPath.read(accept(application("LV_RES_NEW", "PERSON", "欧阳明月", idNumber, phone))
                .andReturn().getResponse().getContentAsString(), "$.orderNo");
        for (String q : List.of(phone, "欧阳明月", idNumber, orderNo.substring(3))) {
            mvc.perform(get("/api/applications").param("q", q).with(httpBasic("clerk", PASSWORD)))
                    .andExpect(status().isOk())
                    .andExpect(jsonPath("$.orders[*].orderNo").value(Matchers.hasItem(orderNo)))
                    .andExpect(jsonPath("$.orders[0].applicantNameMasked").value(Matchers.notNullValue()));
        }
        mvc.perform(get("/api/applications").param("q", "欧阳明").with(httpBasic("clerk", PASSWORD)))
                .andExpect(jsonPath("$.orders[*].orderNo").value(Matchers.not(Matchers.hasItem(orderNo))));
        mvc.perform(get("/api/applications").param("q", phone).param("type", "LV_RES_NEW").param("status", "ACTIVE")
                        .param("from", today()).param("to", today()).with(httpBasic("clerk", PASSWORD)))
                .andExpect(jsonPath("$.total").value(1));
        mvc.perform(get("/api/applications").param("q", phone).with(httpBasic("clerk.west", PASSWORD)))
                .andExpect(jsonPath("$.total").value(0));
        mvc.perform(get("/api/applications").param("from", "yesterday").with(httpBasic("clerk", PASSWORD)))
                .andExpect(status().isUnprocessableContent()).andExpect(jsonPath("$.errors[0].field").value("from"));

        long id = jdbc.sql("select id from application where order_no = ?").param(orderNo).query(Long.class).single();
        mvc.perform(post("/api/applications/{id}/phone", id).with(httpBasic("designer", PASSWORD))).andExpect(status().isForbidden());
        mvc.perform(post("/api/applications/{id}/phone", id).with(httpBasic("surveyor", PASSWORD)))
                .andExpect(status().isOk()).andExpect(jsonPath("$.phone").value(phone));
        assertThat(audit.forSubject("application", orderNo)).extracting(AuditEntry::action).contains("application.phone-revealed");
    }

    @Test
    @DisplayName("R-X-1 a name or address with markup is refused at input with the field named")
    void markupInNamesIsRefused() throws Exception {
        accept(application("LV_RES_NEW", "PERSON", "<script>alert(1)</script>", newIdNumber(), newPhone()))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[?(@.field == 'applicantName')].message").value(Matchers.hasItem(Matchers.containsString("<"))));
        accept(application("LV_RES_NEW", "PERSON", "阿卜杜·热合曼", newIdNumber(), newPhone())).andExpect(status().isCreated());
    }

    @Test
    @DisplayName("R-MAT-3 R-X-4 an online application is texted 'submitted', and 'accepted' only when a clerk accepts it")
    void onlineApplicationIsAcceptedByAClerk() throws Exception {
        long station = jdbc.sql("select id from org_unit where code = 'YK-EAST'").query(Long.class).single();
        // The online pages prove the phone with a code first; the service takes the proven application.
        long id = intake.acceptOnline(new NewApplication("LV_RES_NEW", ApplicantKind.PERSON, "李四", newIdNumber(), newPhone(),
                "示范市城东区人民路 8 号", java.math.BigDecimal.valueOf(8), CapacityUnit.KW, false), station, Optional.empty()).id();
        String orderNo = orderNo(id);
        assertThat(templates(orderNo)).containsExactly("application-submitted");
        complete(signedFor(id, "clerk", "ACCEPTANCE"), "clerk", Map.of()).andExpect(status().isNoContent());
        assertThat(templates(orderNo)).startsWith("application-submitted", "application-received");
    }

    // An HV single-supply order at its design review, its materials supplied on the way.
    private long hvOrder() throws Exception {
        long id = created(accept(hvBody(Subjects.creditCode(), "示范市东郊工业园 9 号"))
                .andExpect(jsonPath("$.materials[?(@.state == 'REQUIRED')]").isEmpty())
                .andExpect(jsonPath("$.materials[?(@.materialCode == 'POWER_OF_ATTORNEY')].state").value("NOT_APPLICABLE")));
        for (String material : List.of("LEGAL_REPRESENTATIVE_ID", "PROPERTY_OR_LAND_USE_PROOF", "EQUIPMENT_LIST", "LOAD_CALCULATION")) {
            supply(id, material);
        }
        for (String node : List.of("ACCEPTANCE", "SITE_SURVEY", "SCHEME_DESIGN")) {
            String user = ApplicationLifecycleTests.HANDLERS.get(node);
            complete(signedFor(id, user, node), user, fields().get(node)).andExpect(status().isNoContent());
        }
        String order = order(id);
        for (String reviewer : List.of("ops", "marketing")) {
            String role = "ops".equals(reviewer) ? "REVIEWER_OPERATIONS" : "REVIEWER_MARKETING";
            List<String> task = JsonPath.read(order, "$.openItems[?('" + role + "' in @.roles)].taskId");
            mvc.perform(post("/api/reviews/tasks/{t}/open", task.get(0)).with(httpBasic(reviewer, PASSWORD))).andExpect(status().isNoContent());
            mvc.perform(post("/api/reviews/tasks/{t}/opinion", task.get(0)).with(httpBasic(reviewer, PASSWORD))
                    .contentType(MediaType.APPLICATION_JSON).content("{\"verdict\":\"PASS\",\"clauses\":[],\"text\":\"\"}"))
                    .andExpect(status().isOk());
        }
        complete(signedFor(id, "clerk", "SCHEME_REPLY"), "clerk", fields().get("SCHEME_REPLY")).andExpect(status().isNoContent());
        return id;
    }

    private long lvOrder() throws Exception {
        return created(accept(application("LV_RES_NEW", "PERSON", "张三丰", newIdNumber(), newPhone())));
    }

    private static String hvBody(String creditCode, String address) {
        return """
                {"typeCode":"HV_NEW_SINGLE","applicantKind":"ORGANISATION","applicantName":"示范机械厂","subjectCode":"%s",
                 "phone":"%s","supplyAddress":"%s","capacity":630,"capacityUnit":"KVA","agent":false}"""
                .formatted(creditCode, newPhone(), address);
    }

    private String signedFor(long id, String user, String node) throws Exception {
        List<String> tasks = JsonPath.read(order(id), "$.openItems[?(@.nodeCode == '" + node + "')].taskId");
        assertThat(tasks).as("open " + node).isNotEmpty();
        mvc.perform(post("/api/tasks/{t}/sign-for", tasks.get(0)).with(httpBasic(user, PASSWORD))).andExpect(status().isOk());
        return tasks.get(0);
    }

    private ResultActions complete(String taskId, String user, Map<String, String> fields) throws Exception {
        return mvc.perform(post("/api/tasks/{t}/complete", taskId).with(httpBasic(user, PASSWORD))
                .contentType(MediaType.APPLICATION_JSON).content(json(fields)));
    }

    private static String json(Map<String, String> fields) {
        StringBuilder json = new StringBuilder("{\"fields\":{");
        fields.forEach((k, v) -> json.append(json.charAt(json.length() - 1) == '{' ? "" : ",")
                .append('"').append(k).append("\":\"").append(v).append('"'));
        return json.append("}}").toString();
    }

    private ResultActions accept(String body) throws Exception {
        return mvc.perform(post("/api/applications").with(httpBasic("clerk", PASSWORD))
                .header("Idempotency-Key", UUID.randomUUID().toString()).contentType(MediaType.APPLICATION_JSON).content(body));
    }

    private void supply(long id, String material) throws Exception {
        mvc.perform(multipart("/api/applications/{id}/materials/{m}", id, material)
                .file(new MockMultipartFile("file", material + ".pdf", "application/pdf", PDF))
                .with(httpBasic("clerk", PASSWORD))).andExpect(status().isOk());
    }

    private String order(long id) throws Exception {
        return mvc.perform(get("/api/applications/{id}", id).with(httpBasic("clerk", PASSWORD)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    }

    private static long created(ResultActions result) throws Exception {
        return ((Number) JsonPath.read(result.andExpect(status().isCreated()).andReturn().getResponse().getContentAsString(), "$.id"))
                .longValue();
    }

    private static List<String> state(String order, String material) {
        return JsonPath.read(order, "$.materials[?(@.materialCode == '" + material + "')].state");
    }

    private String orderNo(long id) {
        return jdbc.sql("select order_no from application where id = ?").param(id).query(String.class).single();
    }

    private List<String> templates(String orderNo) {
        return jdbc.sql("select template_code from sms_outbox where business_ref = ? order by id").param(orderNo)
                .query(String.class).list();
    }
}
