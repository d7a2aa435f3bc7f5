package org.yekuo.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
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
import org.yekuo.audit.AuditEntry;
import org.yekuo.audit.AuditTrail;
import org.yekuo.support.LvSchemeCheck;

import com.jayway.jsonpath.JsonPath;

/**
 * Orders from acceptance to power-on through the REST API, as the counter and the field would drive
 * them, on PostgreSQL.
 */
@SpringBootTest
@AutoConfigureMockMvc
class ApplicationLifecycleTests {

    static final String PASSWORD = "Yekuo@2026";
    static final byte[] PDF = org.yekuo.support.SampleFiles.PDF;
    private static final AtomicInteger PHONES = new AtomicInteger((int) (System.nanoTime() % 10_000_000));

    /** Today where the utility is, taken when a node is worked (a run may cross midnight): dates recorded at a node may not lie after it. */
    static String today() {
        return java.time.LocalDate.now(org.yekuo.shared.ClockConfiguration.UTILITY_ZONE).toString();
    }

    static Map<String, Map<String, String>> fields() {
        return Map.ofEntries(
                Map.entry("ACCEPTANCE", Map.of()),
                Map.entry("SITE_SURVEY", Map.of("meterPosition", "东墙外表箱", "supplyPoint", "3号公变", "distanceMetres", "35.5",
                        "surveyOpinion", "具备接入条件")),
                Map.entry("SCHEME_DESIGN", LvSchemeCheck.passed(Map.of("supplyVoltage", "220V", "supplyPoint", "3号公变", "meteringMethod", "LV_LV", "tariffCategory", "RESIDENTIAL", "schemeSummary", "单相表计接入"))),
                Map.entry("SCHEME_REPLY", Map.of("replyDate", today())),
                Map.entry("DESIGN_REVIEW", Map.of("outcome", "PASS")),
                Map.entry("INTERMEDIATE_INSPECTION", Map.of("inspectionDate", today(), "outcome", "PASS")),
                Map.entry("SUPPLY_WORKS", Map.of("worksSummary", "物资已到位")),
                Map.entry("COMPLETION_ACCEPTANCE", Map.of("inspectionDate", today(), "outcome", "PASS")),
                Map.entry("CONTRACT", Map.of("contractNo", "HT-2026-001", "customerNo", "3300123456")),
                Map.entry("METER_INSTALLATION", Map.of("meterNo", "DB-0001", "meterReading", "0")),
                Map.entry("POWER_ON", Map.of("poweredOnDate", today())));
    }

    static final Map<String, String> HANDLERS = Map.ofEntries(
            Map.entry("ACCEPTANCE", "clerk"), Map.entry("SITE_SURVEY", "surveyor"), Map.entry("SCHEME_DESIGN", "designer"),
            Map.entry("SCHEME_REVIEW", "ops"), Map.entry("SCHEME_REPLY", "clerk"), Map.entry("DESIGN_REVIEW", "ops"),
            Map.entry("INTERMEDIATE_INSPECTION", "inspector"), Map.entry("SUPPLY_WORKS", "materials"),
            Map.entry("COMPLETION_ACCEPTANCE", "inspector"), Map.entry("CONTRACT", "clerk"),
            Map.entry("METER_INSTALLATION", "inspector"), Map.entry("POWER_ON", "inspector"));

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    AuditTrail audit;

    @Test
    @DisplayName("R-MAT-3 R-MAT-4 R-COL-5 R-DOC-2 an LV residential order runs from a one-certificate start to power-on, "
            + "suspended while its deferred property proof is missing")
    void lvResidentialOrderFromAcceptanceToPowerOn() throws Exception {
        String phone = newPhone();
        String idempotencyKey = UUID.randomUUID().toString();
        String body = application("LV_RES_NEW", "PERSON", "张三丰", "11010519491231002X", phone);
        String created = accept(body, idempotencyKey).andExpect(status().isCreated())
                .andExpect(jsonPath("$.orderNo").value(Matchers.matchesPattern("YK-\\d{4}-\\d{6}")))
                .andExpect(jsonPath("$.applicantName").value("张*丰"))
                .andExpect(jsonPath("$.subjectCode").value("110105********002X"))
                .andExpect(jsonPath("$.phone").value(phone.substring(0, 3) + "****" + phone.substring(7)))
                .andExpect(jsonPath("$.materials[?(@.materialCode == 'PROPERTY_PROOF')].state").value("DEFERRED"))
                .andExpect(jsonPath("$.materials[?(@.materialCode == 'PROPERTY_PROOF')].deferredUntil").value("SCHEME_DESIGN"))
                .andExpect(jsonPath("$.openItems[0].nodeCode").value("ACCEPTANCE"))
                .andExpect(jsonPath("$.openItems[0].assignee").value("clerk"))
                .andReturn().getResponse().getContentAsString();
        long id = ((Number) JsonPath.read(created, "$.id")).longValue();
        String orderNo = JsonPath.read(created, "$.orderNo");

        // A retried request with the same key answers with the same order and creates nothing.
        accept(body, idempotencyKey).andExpect(jsonPath("$.id").value(id));
        assertThat(jdbc.sql("select count(*) from application where idempotency_key = ?").param(idempotencyKey)
                .query(Long.class).single()).isEqualTo(1);

        List<String> nodes = new ArrayList<>();
        nodes.add(work(id, "ACCEPTANCE"));
        nodes.add(work(id, "SITE_SURVEY"));

        // Scheme design is where the deferred property proof is due: the order stops and says why.
        mvc.perform(get("/api/applications/{id}", id).with(httpBasic("designer", PASSWORD)))
                .andExpect(jsonPath("$.status").value("SUSPENDED"))
                .andExpect(jsonPath("$.suspendedReason").value(Matchers.containsString("房屋产权证明")));
        // R-DOC-4: the applicant sees on the progress page what the order waits for.
        String token = jdbc.sql("select progress_token from application where id = ?").param(id).query(String.class).single();
        assertThat(mvc.perform(get("/s/{token}", token)).andReturn().getResponse().getContentAsString())
                .contains("已暂停").contains("房屋产权证明");
        String design = openTask(id, "designer");
        mvc.perform(post("/api/tasks/{t}/sign-for", design).with(httpBasic("designer", PASSWORD))).andExpect(status().isOk());
        complete(design, "designer", fields().get("SCHEME_DESIGN"))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value(Matchers.containsString("暂停")));
        mvc.perform(multipart("/api/applications/{id}/materials/PROPERTY_PROOF", id)
                        .file(new MockMultipartFile("file", "fangchanzheng.pdf", "application/octet-stream", PDF))
                        .with(httpBasic("clerk", PASSWORD)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.state").value("SUPPLIED"));
        mvc.perform(get("/api/applications/{id}", id).with(httpBasic("designer", PASSWORD)))
                .andExpect(jsonPath("$.status").value("ACTIVE"));
        complete(design, "designer", fields().get("SCHEME_DESIGN")).andExpect(status().isNoContent());
        nodes.add("SCHEME_DESIGN");

        for (String node : List.of("SCHEME_REPLY", "CONTRACT", "METER_INSTALLATION", "POWER_ON")) {
            nodes.add(work(id, node));
        }

        mvc.perform(get("/api/applications/{id}", id).with(httpBasic("clerk", PASSWORD)))
                .andExpect(jsonPath("$.status").value("COMPLETED"))
                .andExpect(jsonPath("$.openItems").isEmpty())
                .andExpect(jsonPath("$.timeline[*].nodeCode").value(Matchers.contains(nodes.toArray())))
                .andExpect(jsonPath("$.timeline[*].signedForAt").value(Matchers.everyItem(Matchers.notNullValue())))
                .andExpect(jsonPath("$.timeline[*].dueAt").value(Matchers.everyItem(Matchers.notNullValue())))
                .andExpect(jsonPath("$.fields[?(@.fieldName == 'customerNo')].text").value("3300123456"))
                .andExpect(jsonPath("$.handlerNames.surveyor").value("李勘查"));
        assertThat(nodes).containsExactly("ACCEPTANCE", "SITE_SURVEY", "SCHEME_DESIGN", "SCHEME_REPLY", "CONTRACT",
                "METER_INSTALLATION", "POWER_ON");

        // R-X-4: the applicant was told at acceptance, at suspension, at resumption and at power-on.
        assertThat(smsTemplates(orderNo)).contains("application-received", "order-suspended", "order-resumed", "power-on");
        assertThat(jdbc.sql("select count(*) from sms_outbox where business_ref = ? and phone_cipher like ?")
                .params(orderNo, "%" + phone + "%").query(Long.class).single()).isZero();
        // R-X-2: every step is in the audit trail.
        assertThat(audit.forSubject("application", orderNo)).extracting(AuditEntry::action)
                .contains("application.accepted", "application.suspended", "material.supplied", "application.resumed",
                        "node.signed-for", "node.completed", "application.completed");
    }

    @Test
    @DisplayName("R-SLA-1 R-CAT-2 R-REV-1 an HV single-supply order passes all 12 key nodes, its scheme countersigned by two "
            + "departments in parallel; acceptance takes the business licence alone")
    void hvSingleSupplyOrderPassesTwelveNodes() throws Exception {
        String created = accept(application("HV_NEW_SINGLE", "ORGANISATION", "示范科技有限公司", "91110000802100433B", newPhone()),
                UUID.randomUUID().toString()).andExpect(status().isCreated())
                .andExpect(jsonPath("$.materials[?(@.materialCode == 'LEGAL_REPRESENTATIVE_ID')].state").value("DEFERRED"))
                .andExpect(jsonPath("$.materials[?(@.materialCode == 'LEGAL_REPRESENTATIVE_ID')].deferredUntil").value("SCHEME_DESIGN"))
                .andExpect(jsonPath("$.materials[?(@.materialCode == 'POWER_OF_ATTORNEY')].state").value("NOT_APPLICABLE"))
                .andReturn().getResponse().getContentAsString();
        long id = ((Number) JsonPath.read(created, "$.id")).longValue();

        for (String material : List.of("LEGAL_REPRESENTATIVE_ID", "PROPERTY_OR_LAND_USE_PROOF", "EQUIPMENT_LIST", "LOAD_CALCULATION")) {
            mvc.perform(multipart("/api/applications/{id}/materials/{m}", id, material)
                    .file(new MockMultipartFile("file", material + ".pdf", "application/pdf", PDF))
                    .with(httpBasic("clerk", PASSWORD))).andExpect(status().isOk());
        }
        List<String> nodes = new ArrayList<>();
        for (String node : List.of("ACCEPTANCE", "SITE_SURVEY", "SCHEME_DESIGN")) {
            nodes.add(work(id, node));
        }
        // R-REV-1: the scheme goes to operations and marketing at once; each countersigns with a signed opinion.
        String order = mvc.perform(get("/api/applications/{id}", id).with(httpBasic("clerk", PASSWORD)))
                .andExpect(jsonPath("$.openItems[*].nodeCode").value(Matchers.contains("SCHEME_REVIEW", "SCHEME_REVIEW")))
                .andReturn().getResponse().getContentAsString();
        for (String reviewer : List.of("ops", "marketing")) {
            String role = "ops".equals(reviewer) ? "REVIEWER_OPERATIONS" : "REVIEWER_MARKETING";
            List<String> task = JsonPath.read(order, "$.openItems[?('" + role + "' in @.roles)].taskId");
            complete(task.get(0), reviewer, Map.of()).andExpect(status().isConflict());
            mvc.perform(post("/api/reviews/tasks/{t}/open", task.get(0)).with(httpBasic(reviewer, PASSWORD)))
                    .andExpect(status().isNoContent());
            mvc.perform(post("/api/reviews/tasks/{t}/opinion", task.get(0)).with(httpBasic(reviewer, PASSWORD))
                    .contentType(MediaType.APPLICATION_JSON).content("{\"verdict\":\"PASS\",\"clauses\":[],\"text\":\"\"}"))
                    .andExpect(status().isOk());
            nodes.add("SCHEME_REVIEW");
        }
        for (String node : List.of("SCHEME_REPLY", "DESIGN_REVIEW", "INTERMEDIATE_INSPECTION", "SUPPLY_WORKS",
                "COMPLETION_ACCEPTANCE", "CONTRACT", "METER_INSTALLATION", "POWER_ON")) {
            nodes.add(work(id, node));
        }
        assertThat(nodes).hasSize(13).containsOnly("ACCEPTANCE", "SITE_SURVEY", "SCHEME_DESIGN", "SCHEME_REVIEW", "SCHEME_REPLY",
                "DESIGN_REVIEW", "INTERMEDIATE_INSPECTION", "SUPPLY_WORKS", "COMPLETION_ACCEPTANCE", "CONTRACT",
                "METER_INSTALLATION", "POWER_ON");
        mvc.perform(get("/api/applications/{id}", id).with(httpBasic("clerk", PASSWORD)))
                .andExpect(jsonPath("$.status").value("COMPLETED"))
                .andExpect(jsonPath("$.timeline[*].nodeCode").value(Matchers.contains(nodes.toArray())));
        // R-DOC-3: acceptance, the survey, the two opinions, the inspections, the contract and power-on left signed records in
        // the archive, each signed by whoever did the work; the completion-acceptance report names its result and inspector.
        String archive = mvc.perform(get("/api/orders/{id}/documents", id).with(httpBasic("clerk", PASSWORD)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(JsonPath.<List<String>>read(archive, "$[?(@.kind == 'RECORD')].subject")).containsExactly("ACCEPTANCE_RECEIPT",
                "SITE_SURVEY_RECORD", "REVIEW_OPINION_OPERATIONS", "REVIEW_OPINION_MARKETING", "INTERMEDIATE_INSPECTION_RECORD",
                "COMPLETION_ACCEPTANCE_REPORT", "SUPPLY_CONTRACT", "POWER_ON_CONFIRMATION");
        assertThat(JsonPath.<List<String>>read(archive, "$[?(@.kind == 'RECORD')].addedBy"))
                .containsExactly("clerk", "surveyor", "ops", "marketing", "inspector", "inspector", "clerk", "inspector");
        String orderNo = JsonPath.read(created, "$.orderNo");
        assertThat(recordText(archive, "COMPLETION_ACCEPTANCE_REPORT")).contains("竣工检验报告").contains("合格").contains(orderNo);
        // R-DOC-6: the receipt lists every checklist material and where it stands, for the customer to confirm by hand.
        assertThat(recordText(archive, "ACCEPTANCE_RECEIPT")).contains("业扩报装受理回执").contains(orderNo).contains("业务类型")
                .contains("已提交").contains("进度查询");
        // R-DOC-6: the supply contract agrees on the designed supply, metering and tariff, with its articles.
        assertThat(recordText(archive, "SUPPLY_CONTRACT")).contains("供用电合同").contains("HT-2026-001").contains("3300123456")
                .contains("供电人").contains("用电人").contains("220V").contains("第一条").contains("第六条");
    }

    /** The text of the order's record {@code subject} as a reader downloads it. */
    private String recordText(String archive, String subject) throws Exception {
        List<Integer> record = JsonPath.read(archive, "$[?(@.subject == '" + subject + "')].id");
        byte[] pdf = mvc.perform(get("/documents/{d}/download", record.get(0)).with(httpBasic("clerk", PASSWORD)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
        try (org.apache.pdfbox.pdmodel.PDDocument document = org.apache.pdfbox.Loader.loadPDF(pdf)) {
            return new org.apache.pdfbox.text.PDFTextStripper().getText(document).replaceAll("\\s+", "");
        }
    }

    @Test
    @DisplayName("a double click sends the same application twice at once: one order, both answers name it")
    void concurrentRetriesCreateOneOrder() throws Exception {
        String key = UUID.randomUUID().toString();
        String body = application("LV_RES_NEW", "PERSON", "王五", newIdNumber(), newPhone());
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            java.util.concurrent.Callable<String> submit = () -> accept(body, key).andReturn().getResponse().getContentAsString();
            List<String> answers = new ArrayList<>();
            for (var answer : pool.invokeAll(List.of(submit, submit))) {
                answers.add(answer.get());
            }
            assertThat(answers).extracting(a -> ((Number) JsonPath.read(a, "$.id")).longValue()).containsOnly(
                    jdbc.sql("select id from application where idempotency_key = ?").param(key).query(Long.class).single());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    @DisplayName("R-CAT-1 an order keeps the catalogue version it started with; orders accepted after an edit use the new one")
    void runningOrdersKeepTheirCatalogueVersion() throws Exception {
        String body = application("LV_NONRES_NEW", "ORGANISATION", "示范便利店", "91310000775785552L", newPhone());
        String before = accept(body, UUID.randomUUID().toString()).andExpect(status().isCreated())
                .andReturn().getResponse().getContentAsString();
        int version = JsonPath.read(before, "$.typeVersion");
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
                        .put("/api/catalogue/types/LV_NONRES_NEW/nodes/SCHEME_REPLY/limit").with(httpBasic("admin", PASSWORD))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"baseVersion\": %d, \"amount\": 4, \"unit\": \"WORKING_DAYS\", \"source\": \"COMMON_PRACTICE\", \"note\": \"test\"}"
                                .formatted(version)))
                .andExpect(status().isOk());

        mvc.perform(get("/api/applications/{id}", ((Number) JsonPath.read(before, "$.id")).longValue()).with(httpBasic("clerk", PASSWORD)))
                .andExpect(jsonPath("$.typeVersion").value(version));
        accept(application("LV_NONRES_NEW", "ORGANISATION", "示范便利店", "91310000775785552L", newPhone()),
                UUID.randomUUID().toString())
                .andExpect(jsonPath("$.typeVersion").value(version + 1));
    }

    @Test
    @DisplayName("R-DOC-2 a node's required fields block completion with a message per field")
    void requiredFieldsBlockCompletion() throws Exception {
        long id = acceptedLvOrder("11010519491231002X");
        work(id, "ACCEPTANCE");
        String survey = openTask(id, "surveyor");
        complete(survey, "surveyor", Map.of()).andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value(Matchers.containsString("签收")));
        mvc.perform(post("/api/tasks/{t}/sign-for", survey).with(httpBasic("surveyor", PASSWORD))).andExpect(status().isOk());
        complete(survey, "surveyor", Map.of("meterPosition", "东墙", "distanceMetres", "abc"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[*].field").value(Matchers.containsInAnyOrder("supplyPoint", "distanceMetres", "surveyOpinion")))
                .andExpect(jsonPath("$.errors[?(@.field == 'supplyPoint')].message").value("请填写供电接入点"));
        mvc.perform(post("/api/tasks/{t}/complete", survey).with(httpBasic("surveyor", PASSWORD)).header("Accept-Language", "en")
                        .contentType(MediaType.APPLICATION_JSON).content("{\"fields\":{}}"))
                .andExpect(jsonPath("$.errors[?(@.field == 'supplyPoint')].message").value("Enter the supply connection point"));
        // Someone else's node, and a node already done.
        complete(survey, "inspector", fields().get("SITE_SURVEY")).andExpect(status().isForbidden());
        complete(survey, "surveyor", fields().get("SITE_SURVEY")).andExpect(status().isNoContent());
        complete(survey, "surveyor", fields().get("SITE_SURVEY")).andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value(Matchers.containsString("surveyor")));
    }

    @Test
    @DisplayName("R-MAT-5 a material supplied with an earlier order is on file for the next one and not asked for again")
    void materialsOnFileAreReused() throws Exception {
        long first = acceptedLvOrder("440524188001010014");
        mvc.perform(multipart("/api/applications/{id}/materials/PROPERTY_PROOF", first)
                .file(new MockMultipartFile("file", "p.pdf", "application/pdf", PDF)).with(httpBasic("clerk", PASSWORD)))
                .andExpect(status().isOk());
        long second = acceptedLvOrder("440524188001010014");
        mvc.perform(get("/api/applications/{id}", second).with(httpBasic("clerk", PASSWORD)))
                .andExpect(jsonPath("$.materials[?(@.materialCode == 'PROPERTY_PROOF')].state").value("ON_FILE"))
                .andExpect(jsonPath("$.materials[?(@.materialCode == 'PROPERTY_PROOF')].reusedFrom").value((int) first));
    }

    @Test
    @DisplayName("R-MAT-3 R-LIC-1 bad applications are refused naming the field, and nothing is saved")
    void badApplicationsAreRefusedAndNothingIsSaved() throws Exception {
        long before = jdbc.sql("select count(*) from application").query(Long.class).single();
        refused(application("LV_RES_NEW", "PERSON", "张三", "110105194912310021", newPhone()), "subjectCode", "校验位");
        refused(application("LV_RES_NEW", "PERSON", "张三", "11010519491231002", newPhone()), "subjectCode", "18 位");
        refused(application("LV_RES_NEW", "PERSON", "张三", "1101051949123100AX", newPhone()), "subjectCode", "数字");
        refused(application("LV_RES_NEW", "PERSON", "张三", "11010519491231002X", "12345678901"), "phone", "手机");
        refused(application("NO_SUCH_TYPE", "PERSON", "张三", "11010519491231002X", newPhone()), "typeCode", "NO_SUCH_TYPE");
        refused(application("HV_NEW_SINGLE", "PERSON", "张三", "11010519491231002X", newPhone()), "applicantKind", "营业执照");
        for (String capacity : List.of("0", "-5")) {
            refused(application("LV_RES_NEW", "PERSON", "张三", "11010519491231002X", newPhone()).replace("\"capacity\":8", "\"capacity\":" + capacity),
                    "capacity", "大于 0");
        }
        accept(application("LV_RES_NEW", "PERSON", "张三", "11010519491231002X", newPhone()).replace("\"capacity\":8", "\"capacity\":\"abc\""),
                UUID.randomUUID().toString())
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("capacity"));
        assertThat(jdbc.sql("select count(*) from application").query(Long.class).single()).isEqualTo(before);
    }

    @Test
    @DisplayName("R-X-2 a clerk of another station cannot see or work on the order")
    void otherStationsCannotSeeTheOrder() throws Exception {
        long id = acceptedLvOrder("11010519491231002X");
        mvc.perform(get("/api/applications/{id}", id).with(httpBasic("clerk.west", PASSWORD))).andExpect(status().isNotFound());
        mvc.perform(get("/api/tasks").with(httpBasic("clerk.west", PASSWORD)))
                .andExpect(jsonPath("$[?(@.orderId == " + id + ")]").isEmpty());
    }

    @Test
    @DisplayName("an application is withdrawn with a reason; its process ends and it takes no more material")
    void cancelledApplicationTakesNoMoreWork() throws Exception {
        long id = acceptedLvOrder("11010519491231002X");
        mvc.perform(post("/api/applications/{id}/cancel", id).with(httpBasic("clerk", PASSWORD))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"reason\":\" \"}"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("reason"));
        mvc.perform(post("/api/applications/{id}/cancel", id).with(httpBasic("clerk", PASSWORD))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"reason\":\"客户改期申请\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("CANCELLED"))
                .andExpect(jsonPath("$.openItems").isEmpty());
        mvc.perform(multipart("/api/applications/{id}/materials/PROPERTY_PROOF", id)
                        .file(new MockMultipartFile("file", "p.pdf", "application/pdf", PDF)).with(httpBasic("clerk", PASSWORD)))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value(Matchers.containsString("已撤销")));
    }

    @Test
    @DisplayName("R-COL-5 an order stands at its open node on its page and in the list's node filter; a withdrawn one keeps where it stopped")
    void anOrderStandsAtItsOpenNode() throws Exception {
        long id = acceptedLvOrder(newIdNumber());
        work(id, "ACCEPTANCE");
        mvc.perform(get("/api/applications/{id}", id).with(httpBasic("clerk", PASSWORD)))
                .andExpect(jsonPath("$.currentNode").value("SITE_SURVEY"));
        mvc.perform(get("/api/applications").param("node", "SITE_SURVEY").param("size", "200").with(httpBasic("clerk", PASSWORD)))
                .andExpect(jsonPath("$.orders[?(@.id == " + id + ")].currentNode").value(Matchers.contains("SITE_SURVEY")));
        mvc.perform(get("/api/applications").param("node", "ACCEPTANCE").param("size", "200").with(httpBasic("clerk", PASSWORD)))
                .andExpect(jsonPath("$.orders[?(@.id == " + id + ")]").isEmpty());

        mvc.perform(post("/api/applications/{id}/cancel", id).with(httpBasic("clerk", PASSWORD))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"reason\":\"客户改期申请\"}"))
                .andExpect(status().isOk());
        mvc.perform(get("/api/applications/{id}", id).with(httpBasic("clerk", PASSWORD)))
                .andExpect(jsonPath("$.openItems").isEmpty())
                .andExpect(jsonPath("$.currentNode").value("SITE_SURVEY"));
        mvc.perform(get("/api/applications").param("node", "SITE_SURVEY").param("status", "CANCELLED").param("size", "200")
                        .with(httpBasic("clerk", PASSWORD)))
                .andExpect(jsonPath("$.orders[?(@.id == " + id + ")].currentNode").value(Matchers.contains("SITE_SURVEY")));
    }

    @Test
    @DisplayName("R-DOC-1 a file is judged by its content: an executable named .pdf is refused")
    void disguisedFilesAreRefused() throws Exception {
        long id = acceptedLvOrder(newIdNumber());
        byte[] executable = {'M', 'Z', (byte) 0x90, 0, 3, 0, 0, 0};
        mvc.perform(multipart("/api/applications/{id}/materials/PROPERTY_PROOF", id)
                        .file(new MockMultipartFile("file", "proof.pdf", "application/pdf", executable)).with(httpBasic("clerk", PASSWORD)))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("file"));
        mvc.perform(get("/api/applications/{id}", id).with(httpBasic("clerk", PASSWORD)))
                .andExpect(jsonPath("$.materials[?(@.materialCode == 'PROPERTY_PROOF')].state").value("DEFERRED"));
    }

    @Test
    @DisplayName("R-DOC-4 R-SLA-8 the progress page behind the QR code shows the node, a masked handler and the expected date")
    void progressPageShowsNodeHandlerAndExpectedDate() throws Exception {
        long id = acceptedLvOrder("11010519491231002X");
        String token = jdbc.sql("select progress_token from application where id = ?").param(id).query(String.class).single();
        String orderNo = jdbc.sql("select order_no from application where id = ?").param(id).query(String.class).single();
        String page = mvc.perform(get("/s/{token}", token)).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString();
        assertThat(page).contains(orderNo).contains("业务受理").contains("王*理").contains("预计完成日期")
                .doesNotContain("11010519491231002X");
        mvc.perform(get("/s/{token}", orderNo)).andExpect(status().isNotFound());
        mvc.perform(get("/s/{token}", "AAAAAAAAAAAAAAAAAAAAAAAA")).andExpect(status().isNotFound());
    }

    // --- helpers

    long acceptedLvOrder(String idNumber) throws Exception {
        String created = accept(application("LV_RES_NEW", "PERSON", "李四", idNumber, newPhone()), UUID.randomUUID().toString())
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        return ((Number) JsonPath.read(created, "$.id")).longValue();
    }

    /** Signs for and completes the order's open node, which must be {@code node}; returns the node. */
    String work(long id, String node) throws Exception {
        String user = HANDLERS.get(node);
        String taskId = openTask(id, user);
        mvc.perform(get("/api/applications/{id}", id).with(httpBasic(user, PASSWORD)))
                .andExpect(jsonPath("$.openItems[0].nodeCode").value(node));
        mvc.perform(post("/api/tasks/{t}/sign-for", taskId).with(httpBasic(user, PASSWORD))).andExpect(status().isOk());
        complete(taskId, user, fields().get(node)).andExpect(status().isNoContent());
        return node;
    }

    String openTask(long id, String user) throws Exception {
        String order = mvc.perform(get("/api/applications/{id}", id).with(httpBasic(user, PASSWORD)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        return JsonPath.read(order, "$.openItems[0].taskId");
    }

    ResultActions complete(String taskId, String user, Map<String, String> fields) throws Exception {
        StringBuilder json = new StringBuilder("{\"fields\":{");
        fields.forEach((k, v) -> json.append(json.charAt(json.length() - 1) == '{' ? "" : ",")
                .append('"').append(k).append("\":\"").append(v).append('"'));
        json.append("}}");
        return mvc.perform(post("/api/tasks/{t}/complete", taskId).with(httpBasic(user, PASSWORD))
                .contentType(MediaType.APPLICATION_JSON).content(json.toString()));
    }

    ResultActions accept(String body, String idempotencyKey) throws Exception {
        return mvc.perform(post("/api/applications").with(httpBasic("clerk", PASSWORD)).header("Idempotency-Key", idempotencyKey)
                .contentType(MediaType.APPLICATION_JSON).content(body));
    }

    void refused(String body, String field, String messagePart) throws Exception {
        accept(body, UUID.randomUUID().toString())
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[*].field").value(Matchers.hasItem(field)))
                .andExpect(jsonPath("$.errors[?(@.field == '" + field + "')].message").value(Matchers.hasItem(Matchers.containsString(messagePart))));
    }

    List<String> smsTemplates(String orderNo) {
        return jdbc.sql("select template_code from sms_outbox where business_ref = ? order by id").param(orderNo)
                .query(String.class).list();
    }

    static String application(String type, String kind, String name, String code, String phone) {
        return """
                {"typeCode":"%s","applicantKind":"%s","applicantName":"%s","subjectCode":"%s","phone":"%s",
                 "supplyAddress":"示范市城东区人民路 100 号","capacity":8,"capacityUnit":"KW","agent":false}"""
                .formatted(type, kind, name, code, phone);
    }

    /** A valid ID number nobody else in the suite uses, so no material of it is on file. */
    static String newIdNumber() {
        String first17 = "110105" + "1985" + String.format("%02d", 1 + PHONES.incrementAndGet() % 12) + "15"
                + String.format("%03d", PHONES.incrementAndGet() % 1000);
        return first17 + ResidentIdNumber.checkCharacter(first17);
    }

    static String newPhone() {
        return "139" + String.format("%08d", PHONES.incrementAndGet() % 100_000_000);
    }
}
