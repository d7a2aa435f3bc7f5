package org.yekuo.collaboration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.flowable.engine.ManagementService;
import org.flowable.engine.RuntimeService;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.transaction.support.TransactionTemplate;
import org.yekuo.YekuoApplication;
import org.yekuo.document.BadFiles;
import org.yekuo.shared.ClockConfiguration;
import org.yekuo.support.EngineTimers;
import org.yekuo.support.SampleFiles;
import org.yekuo.support.Subjects;
import org.yekuo.workflow.StepClockRang;

import com.jayway.jsonpath.JsonPath;

/** Coordination questions on an order, answered within 8 working hours or escalated (R-COL-3), on PostgreSQL. */
@SpringBootTest
@AutoConfigureMockMvc
class CoordinationTests {

    static final String PASSWORD = "Yekuo@2026";

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    CoordinationDeadlines deadlines;

    @Autowired
    CoordinationAlarms alarms;

    @Autowired
    TransactionTemplate tx;

    @Autowired
    ManagementService management;

    @Autowired
    RuntimeService runtime;

    @Test
    @DisplayName("R-COL-3 8 working hours cross the lunch break, the night and the weekend; a question asked before Labour Day is due"
            + " after it")
    void answerWithinEightWorkingHours() {
        // Friday 10:00: 2 hours to lunch, 4 in the afternoon, 2 on Monday morning.
        CoordinationDeadlines.Round friday = deadlines.from(at(2026, 3, 6, 10, 0));
        assertThat(friday.dueAt()).isEqualTo(at(2026, 3, 9, 10, 30));
        // Yellow its last 2 working hours: from the end of Friday's office hours.
        assertThat(friday.yellowAt()).isEqualTo(at(2026, 3, 6, 17, 30));
        // 4 more working hours to the leader: 10:30-12:00 and 13:30-16:00.
        assertThat(friday.escalateAt()).isEqualTo(at(2026, 3, 9, 16, 0));
        assertThat(deadlines.from(at(2026, 4, 30, 9, 0)).dueAt()).isEqualTo(at(2026, 5, 6, 9, 30));
    }

    @Test
    @DisplayName("R-COL-3 the designer asks operations on an order; operations answers, the asker reopens with why, operations answers"
            + " again and the asker accepts; bad input is refused by field and saves nothing")
    void askAnswerReopenAccept() throws Exception {
        long order = order();
        long ops = unit("YK-OPS");
        ask(order, "designer", null, "电源点", "东郊站 10kV 间隔是否还有空余？").andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("departmentId"));
        ask(order, "designer", unit("YK-EAST"), "电源点", "问自己所在的供电所").andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("departmentId"));
        ask(order, "designer", ops, "电源点", "短").andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("text"));
        ask(order, "designer", ops, "", "东郊站 10kV 间隔是否还有空余？").andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("subject"));
        assertThat(jdbc.sql("select count(*) from coordination_question where order_id = ?").param(order).query(Long.class).single())
                .isZero();

        String created = ask(order, "designer", ops, "电源点间隔", "东郊站 10kV 间隔是否还有空余？")
                .andExpect(status().isCreated()).andExpect(jsonPath("$.colour").value("GREEN"))
                .andExpect(jsonPath("$.question.status").value("OPEN")).andReturn().getResponse().getContentAsString();
        long id = ((Number) JsonPath.read(created, "$.question.id")).longValue();
        assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(Coordination.CLOCK + ":" + id).count()).isOne();
        // On the order and on the board of the department asked.
        mvc.perform(get("/api/coordination/orders/{o}/questions", order).with(httpBasic("clerk", PASSWORD)))
                .andExpect(jsonPath("$[0].question.id").value(id));
        mvc.perform(get("/api/coordination/questions").param("toMe", "true").with(httpBasic("ops", PASSWORD)))
                .andExpect(jsonPath("$[*].question.id").value(Matchers.hasItem((int) id)));
        String panel = mvc.perform(get("/coordination/orders/{o}/panel", order).with(httpBasic("clerk", PASSWORD)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(panel).contains("电源点间隔").contains("待答复");

        // Only the department asked answers; a station clerk of another station cannot even see the question.
        answer(id, "designer", "自问自答的内容").andExpect(status().isForbidden());
        answer(id, "clerk.west", "西站人员答复内容").andExpect(status().isNotFound());
        mvc.perform(get("/api/coordination/questions/{id}", id).with(httpBasic("clerk.west", PASSWORD))).andExpect(status().isNotFound());
        answer(id, "ops", "").andExpect(status().isUnprocessableContent()).andExpect(jsonPath("$.errors[0].field").value("text"));
        answer(id, "ops", "东12线间隔已用，建议改东15线").andExpect(status().isNoContent());
        assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(Coordination.CLOCK + ":" + id).count()).isZero();
        answer(id, "ops.li", "再答一次").andExpect(status().isConflict());

        mvc.perform(post("/api/coordination/questions/{id}/reopen", id).with(httpBasic("ops", PASSWORD))
                .contentType(MediaType.APPLICATION_JSON).content("{\"text\":\"不是提问人\"}")).andExpect(status().isForbidden());
        mvc.perform(post("/api/coordination/questions/{id}/reopen", id).with(httpBasic("designer", PASSWORD))
                .contentType(MediaType.APPLICATION_JSON).content("{\"text\":\"东15线负载率是多少？请补充\"}")).andExpect(status().isNoContent());
        mvc.perform(get("/api/coordination/questions/{id}", id).with(httpBasic("ops", PASSWORD)))
                .andExpect(jsonPath("$.question.status").value("OPEN")).andExpect(jsonPath("$.question.rounds").value(2))
                .andExpect(jsonPath("$.mayAnswer").value(true))
                .andExpect(jsonPath("$.entries[*].kind").value(Matchers.contains("ASKED", "ANSWERED", "REOPENED")));
        answer(id, "ops.li", "东15线最大负载率 46%，可接入").andExpect(status().isNoContent());
        mvc.perform(post("/api/coordination/questions/{id}/accept", id).with(httpBasic("designer", PASSWORD))).andExpect(status().isNoContent());
        mvc.perform(get("/api/coordination/questions/{id}", id).with(httpBasic("designer", PASSWORD)))
                .andExpect(jsonPath("$.question.status").value("ACCEPTED")).andExpect(jsonPath("$.mayDecide").value(false));
    }

    @Test
    @DisplayName("R-COL-3 unanswered past 8 working hours the question goes to the department head, then to the leader in charge, by"
            + " SMS; the escalation fires once with two application nodes running it at the same moment")
    void escalatesOnceAcrossTwoNodes() throws Exception {
        long order = order();
        String created = ask(order, "designer", unit("YK-OPS"), "线路走廊", "东郊工业园路径走廊是否需要运检部现场确认？")
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        long id = ((Number) JsonPath.read(created, "$.question.id")).longValue();
        String orderNo = JsonPath.read(created, "$.question.orderNo");
        String process = runtime.createProcessInstanceQuery().processInstanceBusinessKey(Coordination.CLOCK + ":" + id).singleResult().getId();

        EngineTimers timers = new EngineTimers(management);
        timers.fireNext(process);
        assertThat(sms(orderNo, "deadline-reminder")).contains("139****0009", "139****0015", "139****0016");
        timers.fireNext(process);
        assertThat(sms(orderNo, "deadline-overdue")).containsExactly("139****0015");
        mvc.perform(get("/api/coordination/questions/{id}", id).with(httpBasic("designer", PASSWORD)))
                .andExpect(jsonPath("$.question.overdueAt").isNotEmpty());

        try (ConfigurableApplicationContext secondNode = new SpringApplicationBuilder(YekuoApplication.class)
                .properties("server.port=0").run()) {
            CoordinationAlarms other = secondNode.getBean(CoordinationAlarms.class);
            TransactionTemplate otherTx = secondNode.getBean(TransactionTemplate.class);
            EngineTimers otherTimers = new EngineTimers(secondNode.getBean(ManagementService.class));
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(3);
            try {
                StepClockRang rang = new StepClockRang(Coordination.CLOCK, id, StepClockRang.Moment.ESCALATION, Instant.now());
                List<Future<?>> runs = List.of(
                        pool.submit(() -> {
                            start.await();
                            // The second node's engine runs the real timer while both nodes hear the same moment.
                            otherTimers.fireNext(process);
                            return null;
                        }),
                        pool.submit(() -> {
                            start.await();
                            otherTx.executeWithoutResult(s -> other.on(rang));
                            return null;
                        }),
                        pool.submit(() -> {
                            start.await();
                            tx.executeWithoutResult(s -> alarms.on(rang));
                            return null;
                        }));
                start.countDown();
                for (Future<?> run : runs) {
                    run.get(60, TimeUnit.SECONDS);
                }
            } finally {
                pool.shutdownNow();
            }
        }
        assertThat(sms(orderNo, "deadline-overdue")).containsExactlyInAnyOrder("139****0015", "139****0004");
        mvc.perform(get("/api/coordination/questions").with(httpBasic("leader", PASSWORD)))
                .andExpect(jsonPath("$[?(@.question.id == " + id + ")].question.escalatedAt").value(Matchers.everyItem(Matchers.notNullValue())));
    }

    @Test
    @DisplayName("R-COL-3 R-DOC-5 the asker attaches a drawing to the question: the west station asked downloads it although the east"
            + " order is outside its scope, a clerk of a third station gets 404 like a file that does not exist, the archive's own"
            + " route still refuses the west station; the answer carries a file too; every opening and refusal is in the access log")
    void attachmentsAreSeenByWhoSeesTheQuestion() throws Exception {
        long order = order();
        long west = unit("YK-WEST");
        // The designer asks the west station with a file, in one request from the order's coordination page.
        String location = mvc.perform(multipart("/coordination/orders/{o}", order)
                        .file(new MockMultipartFile("file", "东郊间隔图.pdf", "application/pdf", SampleFiles.pdf("bay drawing")))
                        .param("departmentId", String.valueOf(west)).param("subject", "借用西站间隔")
                        .param("text", "东郊 10kV 间隔已满，可否借用西站 12 号间隔？见附图").with(httpBasic("designer", PASSWORD)).with(csrf()))
                .andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
        assertThat(location).matches("/coordination/\\d+");
        long id = Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
        String thread = mvc.perform(get("/api/coordination/questions/{id}", id).with(httpBasic("clerk.west", PASSWORD)))
                .andExpect(status().isOk()).andExpect(jsonPath("$.entries[0].attachment.fileName").value("东郊间隔图.pdf"))
                .andReturn().getResponse().getContentAsString();
        long document = ((Number) JsonPath.read(thread, "$.entries[0].attachment.documentId")).longValue();

        // The west clerk's scope is the west station: the order is not theirs, the question asked of them is.
        mvc.perform(get("/coordination/{id}/attachments/{d}", id, document).with(httpBasic("clerk.west", PASSWORD)))
                .andExpect(status().isOk()).andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.header()
                        .string("Content-Type", "application/pdf"));
        mvc.perform(get("/coordination/{id}/attachments/{d}", id, document).with(httpBasic("designer", PASSWORD)))
                .andExpect(status().isOk());
        mvc.perform(get("/documents/{d}/download", document).with(httpBasic("clerk.west", PASSWORD))).andExpect(status().isNotFound());
        String stranger = thirdStationClerk();
        mvc.perform(get("/coordination/{id}/attachments/{d}", id, document).with(httpBasic(stranger, PASSWORD)))
                .andExpect(status().isNotFound());
        mvc.perform(get("/coordination/{id}/attachments/{d}", id, document + 1_000_000).with(httpBasic(stranger, PASSWORD)))
                .andExpect(status().isNotFound());
        assertThat(jdbc.sql("select username || ':' || allowed from document_access where document_id = ? order by id")
                .param(document).query(String.class).list())
                .containsExactly("clerk.west:true", "designer:true", "clerk.west:false", stranger + ":false");
        // The order's coordination area names the file.
        String page = mvc.perform(get("/coordination/orders/{o}", order).with(httpBasic("clerk", PASSWORD)))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).contains("东郊间隔图.pdf").contains("/coordination/" + id + "/attachments/" + document);

        // The west clerk answers, then attaches a photo to the answer through the API.
        answer(id, "clerk.west", "12 号间隔可借用至明年三月，见现场照片").andExpect(status().isNoContent());
        long answerEntry = ((Number) JsonPath.read(mvc.perform(get("/api/coordination/questions/{id}", id)
                .with(httpBasic("clerk.west", PASSWORD))).andReturn().getResponse().getContentAsString(), "$.entries[1].id")).longValue();
        attach(id, answerEntry, "designer", "x.png", SampleFiles.PNG).andExpect(status().isForbidden());
        attach(id, answerEntry, "clerk.west", "间隔现场.png", SampleFiles.PNG).andExpect(status().isCreated())
                .andExpect(jsonPath("$.fileName").value("间隔现场.png"));
        attach(id, answerEntry, "clerk.west", "again.png", SampleFiles.PNG).andExpect(status().isConflict());
        mvc.perform(get("/api/coordination/questions/{id}", id).with(httpBasic("designer", PASSWORD)))
                .andExpect(jsonPath("$.entries[1].attachment.contentType").value("image/png"));
    }

    @Test
    @DisplayName("R-COL-3 R-DOC-1 a PDF carrying a script is refused by the archive's checks, named by its field, and nothing of the"
            + " question or answer it came with is kept")
    void scriptCarryingPdfIsRefused() throws Exception {
        long order = order();
        byte[] script = BadFiles.corpus().get("PDF with JavaScript").getKey();
        mvc.perform(multipart("/coordination/orders/{o}", order).file(new MockMultipartFile("file", "scheme.pdf", "application/pdf", script))
                        .param("departmentId", String.valueOf(unit("YK-OPS"))).param("subject", "带脚本的附件")
                        .param("text", "请看附件中的方案说明").with(httpBasic("designer", PASSWORD)).with(csrf()))
                .andExpect(status().is3xxRedirection());
        assertThat(jdbc.sql("select count(*) from coordination_question where order_id = ?").param(order).query(Long.class).single())
                .isZero();

        String created = ask(order, "designer", unit("YK-OPS"), "方案附件", "方案说明稍后以附件补充").andExpect(status().isCreated())
                .andReturn().getResponse().getContentAsString();
        long id = ((Number) JsonPath.read(created, "$.question.id")).longValue();
        long entry = ((Number) JsonPath.read(mvc.perform(get("/api/coordination/questions/{id}", id).with(httpBasic("designer", PASSWORD)))
                .andReturn().getResponse().getContentAsString(), "$.entries[0].id")).longValue();
        attach(id, entry, "designer", "scheme.pdf", script).andExpect(status().isUnprocessableContent())
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content()
                        .contentTypeCompatibleWith("application/problem+json"))
                .andExpect(jsonPath("$.errors[0].field").value("file"));
        assertThat(jdbc.sql("select count(*) from document where order_id = ? and kind = 'COORDINATION'").param(order)
                .query(Long.class).single()).isZero();
        assertThat(jdbc.sql("select document_id from coordination_entry where id = ?").param(entry).query(Long.class).optional()).isEmpty();
    }

    ResultActions attach(long question, long entry, String user, String name, byte[] bytes) throws Exception {
        return mvc.perform(multipart("/api/coordination/questions/{id}/entries/{e}/attachment", question, entry)
                .file(new MockMultipartFile("file", name, "application/octet-stream", bytes)).with(httpBasic(user, PASSWORD)));
    }

    /** A clerk of a station of their own: neither the east order nor the west station is theirs. */
    String thirdStationClerk() {
        String code = "I19-" + UUID.randomUUID().toString().substring(0, 8);
        long company = unit("YK");
        String companyPath = jdbc.sql("select path from org_unit where id = ?").param(company).query(String.class).single();
        jdbc.sql("insert into org_unit (code, name_zh, name_en, kind, parent_id, path) values (?, ?, ?, 'STATION', ?, '/')")
                .params(code, "测试供电所" + code, "Test station " + code, company).update();
        long station = unit(code);
        jdbc.sql("update org_unit set path = ? where id = ?").params(companyPath + station + "/", station).update();
        String username = "clerk." + code.toLowerCase(java.util.Locale.ROOT);
        jdbc.sql("""
                insert into staff (username, display_name, password_hash, org_unit_id, enabled, created_at)
                select ?, '第三所受理', password_hash, ?, true, created_at from staff where username = 'clerk'""")
                .params(username, station).update();
        jdbc.sql("insert into staff_role (staff_id, role_code) select id, 'CLERK' from staff where username = ?").param(username).update();
        return username;
    }

    long order() throws Exception {
        String body = """
                {"typeCode":"LV_RES_NEW","applicantKind":"PERSON","applicantName":"欧阳协调","subjectCode":"%s",
                 "phone":"%s","supplyAddress":"示范市东郊新村 3 号","capacity":8,"capacityUnit":"KW","agent":false}"""
                .formatted(Subjects.idNumber(), Subjects.phone());
        String created = mvc.perform(post("/api/applications").with(httpBasic("clerk", PASSWORD))
                        .header("Idempotency-Key", UUID.randomUUID().toString()).contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        return ((Number) JsonPath.read(created, "$.id")).longValue();
    }

    long unit(String code) {
        return jdbc.sql("select id from org_unit where code = ?").param(code).query(Long.class).single();
    }

    ResultActions ask(long order, String user, Long department, String subject, String text) throws Exception {
        return mvc.perform(post("/api/coordination/orders/{o}/questions", order).with(httpBasic(user, PASSWORD))
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"departmentId\":%s,\"subject\":\"%s\",\"text\":\"%s\"}".formatted(department, subject, text)));
    }

    ResultActions answer(long id, String user, String text) throws Exception {
        return mvc.perform(post("/api/coordination/questions/{id}/answer", id).with(httpBasic(user, PASSWORD))
                .contentType(MediaType.APPLICATION_JSON).content("{\"text\":\"%s\"}".formatted(text)));
    }

    List<String> sms(String orderNo, String template) {
        return jdbc.sql("select phone_masked from sms_outbox where business_ref = ? and template_code = ? order by id")
                .params(orderNo, template).query(String.class).list();
    }

    static Instant at(int y, int m, int d, int h, int min) {
        return LocalDateTime.of(y, m, d, h, min).atZone(ClockConfiguration.UTILITY_ZONE).toInstant();
    }
}
