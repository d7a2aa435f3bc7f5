package org.yekuo.collaboration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
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
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.transaction.support.TransactionTemplate;
import org.yekuo.YekuoApplication;
import org.yekuo.shared.ClockConfiguration;
import org.yekuo.support.EngineTimers;
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
