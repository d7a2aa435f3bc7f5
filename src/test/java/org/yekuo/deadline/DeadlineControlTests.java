package org.yekuo.deadline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.yekuo.deadline.DeadlineScenario.PASSWORD;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.yekuo.audit.AuditEntry;
import org.yekuo.audit.AuditTrail;

/**
 * Deadlines on real orders through the REST API, with the clock moved across working days instead of
 * waiting (R-SLA-1..4, R-SLA-8).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
@Import(DeadlineTestClock.class)
@RecordApplicationEvents
class DeadlineControlTests {

    static final byte[] PDF = org.yekuo.support.SampleFiles.PDF;

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DeadlineSweep sweep;

    @Autowired
    AuditTrail audit;

    @Autowired
    ApplicationEvents events;

    private DeadlineScenario scenario;
    private final MovableClock clock = DeadlineTestClock.CLOCK;

    @BeforeEach
    void setUp() {
        scenario = new DeadlineScenario(mvc, jdbc);
    }

    @Test
    @DisplayName("R-SLA-3 R-SLA-4 the handler is reminded once a working day before, the head is warned once at the deadline, "
            + "the order locks, and an approved delay explanation with a new deadline lets it move again")
    void remindEscalateLockExplainApproveAndMoveOn() throws Exception {
        clock.set(LocalDateTime.of(2026, 3, 2, 9, 0));
        long orderId = scenario.acceptLvOrder();
        String orderNo = scenario.orderNo(orderId);
        scenario.work(orderId, "clerk", "ACCEPTANCE");
        String survey = scenario.openTask(orderId, "surveyor");
        scenario.signFor(survey, "surveyor").andExpect(status().isOk());
        long deadlineId = scenario.deadlineId(orderId, "SITE_SURVEY");
        // Reached Monday 09:00 with two working days: due Wednesday night, shown on the order; shorter than
        // the three-day yellow window, it stays green until its last working day begins.
        mvc.perform(get("/api/orders/{id}/deadlines", orderId).with(httpBasic("surveyor", PASSWORD)))
                .andExpect(jsonPath("$.nodes[?(@.nodeCode == 'SITE_SURVEY')].dueAt").value("2026-03-04T15:59:59Z"))
                .andExpect(jsonPath("$.nodes[?(@.nodeCode == 'SITE_SURVEY')].handler").value("surveyor"))
                .andExpect(jsonPath("$.nodes[?(@.nodeCode == 'SITE_SURVEY')].colour").value("GREEN"));
        sweep.sweep();
        assertThat(scenario.sms(orderNo, "deadline-reminder")).isZero();

        // Not at night: the reminder waits for the office to open on the last working day.
        clock.set(LocalDateTime.of(2026, 3, 4, 0, 30));
        sweep.sweep();
        assertThat(scenario.sms(orderNo, "deadline-reminder")).isZero();
        clock.set(LocalDateTime.of(2026, 3, 4, 8, 30));
        sweep.sweep();
        sweep.sweep();
        assertThat(scenario.sms(orderNo, "deadline-reminder")).isEqualTo(1);
        assertThat(scenario.sms(orderNo, "deadline-overdue")).isZero();
        mvc.perform(get("/api/orders/{id}/deadlines", orderId).with(httpBasic("surveyor", PASSWORD)))
                .andExpect(jsonPath("$.nodes[?(@.nodeCode == 'SITE_SURVEY')].colour").value("YELLOW"));

        clock.set(LocalDateTime.of(2026, 3, 5, 8, 0));
        sweep.sweep();
        sweep.sweep();
        assertThat(scenario.sms(orderNo, "deadline-overdue")).isEqualTo(1);
        assertThat(scenario.smsBodies(orderNo, "deadline-overdue")).as("the head learns which role the node waits for")
                .singleElement().asString().contains("（勘查员）”环节");
        assertThat(events.stream(NodeOverdue.class).filter(e -> e.orderId() == orderId)).singleElement()
                .satisfies(e -> assertThat(e.handler()).isEqualTo("surveyor"));
        mvc.perform(get("/api/deadlines").param("orderNo", orderNo).param("colour", "RED").with(httpBasic("head.east", PASSWORD)))
                .andExpect(jsonPath("$.total").value(1))
                .andExpect(jsonPath("$.nodes[0].locked").value(true));

        // Locked: nothing moves, with a message that says why.
        scenario.complete(survey, "surveyor", "SITE_SURVEY").andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value(Matchers.containsString("锁定")));

        // Bad explanations: nothing is saved.
        explain(deadlineId, "surveyor", "{\"category\":\"\",\"explanation\":\" \"}").andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[*].field").value(Matchers.containsInAnyOrder("category", "explanation")));
        explain(deadlineId, "surveyor", "{\"category\":\"BAD_WEATHER_MAYBE\",\"explanation\":\"rain\"}")
                .andExpect(status().isUnprocessableContent()).andExpect(jsonPath("$.errors[0].field").value("category"));
        explain(deadlineId, "designer", "{\"category\":\"SITE_OR_WEATHER\",\"explanation\":\"rain\"}").andExpect(status().isForbidden());
        assertThat(jdbc.sql("select count(*) from delay_explanation where deadline_id = ?").param(deadlineId).query(Long.class)
                .single()).isZero();

        String filed = explain(deadlineId, "surveyor", "{\"category\":\"SITE_OR_WEATHER\",\"explanation\":\"Heavy rain, site flooded\"}")
                .andExpect(status().isOk()).andExpect(jsonPath("$.status").value("PENDING"))
                .andReturn().getResponse().getContentAsString();
        long explanationId = ((Number) com.jayway.jsonpath.JsonPath.read(filed, "$.id")).longValue();
        explain(deadlineId, "surveyor", "{\"category\":\"OTHER\",\"explanation\":\"again\"}").andExpect(status().isConflict());

        // Only the leader in charge decides; the new deadline must be a working day, today or later.
        approve(explanationId, "head.east", "2026-03-09").andExpect(status().isForbidden());
        approve(explanationId, "leader", "2026-04-06").andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("newDueDate"))
                .andExpect(jsonPath("$.errors[0].message").value(Matchers.containsString("不是工作日")));
        approve(explanationId, "leader", "2026-03-04").andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("newDueDate"));
        approve(explanationId, "leader", null).andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("newDueDate"));
        assertThat(jdbc.sql("select locked from node_deadline where id = ?").param(deadlineId).query(Boolean.class).single()).isTrue();

        approve(explanationId, "leader", "2026-03-09").andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("APPROVED"))
                .andExpect(jsonPath("$.newDueAt").value("2026-03-09T15:59:59Z"));
        approve(explanationId, "leader", "2026-03-10").andExpect(status().isConflict());
        explain(deadlineId, "surveyor", "{\"category\":\"OTHER\",\"explanation\":\"not locked now\"}").andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value(Matchers.containsString("未被锁定")));
        mvc.perform(get("/api/applications/{id}", orderId).with(httpBasic("surveyor", PASSWORD)))
                .andExpect(jsonPath("$.openItems[0].dueAt").value("2026-03-09T15:59:59Z"));

        // The new deadline gets its own reminder; the node is not announced red a second time.
        clock.set(LocalDateTime.of(2026, 3, 9, 8, 40));
        sweep.sweep();
        assertThat(scenario.sms(orderNo, "deadline-reminder")).isEqualTo(2);
        scenario.complete(survey, "surveyor", "SITE_SURVEY").andExpect(status().isNoContent());
        assertThat(jdbc.sql("select completed_at from node_deadline where id = ?").param(deadlineId).query(Instant.class).single())
                .isNotNull();
        clock.set(LocalDateTime.of(2026, 3, 20, 9, 0));
        sweep.sweep();
        assertThat(events.stream(NodeOverdue.class).filter(e -> e.orderId() == orderId)).hasSize(1);
        assertThat(audit.forSubject("application", orderNo)).extracting(AuditEntry::action)
                .contains("deadline.reminded", "deadline.overdue", "deadline.explanation-filed", "deadline.explanation-approved");
    }

    @Test
    @DisplayName("R-SLA-4 a rejected explanation leaves the order locked; the leader must give a reason")
    void rejectionKeepsTheOrderLocked() throws Exception {
        clock.set(LocalDateTime.of(2026, 4, 13, 9, 0));
        long orderId = scenario.acceptLvOrder();
        scenario.work(orderId, "clerk", "ACCEPTANCE");
        long deadlineId = scenario.deadlineId(orderId, "SITE_SURVEY");
        clock.set(LocalDateTime.of(2026, 4, 16, 9, 0));
        sweep.sweep();
        // Nobody signed for the survey: anyone who may take it explains.
        String filed = explain(deadlineId, "surveyor", "{\"category\":\"INTERNAL_HANDOFF\",\"explanation\":\"Team short-staffed\"}")
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        long explanationId = ((Number) com.jayway.jsonpath.JsonPath.read(filed, "$.id")).longValue();
        mvc.perform(post("/api/delay-explanations/{id}/reject", explanationId).with(httpBasic("leader", PASSWORD))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"note\":\" \"}"))
                .andExpect(status().isUnprocessableContent()).andExpect(jsonPath("$.errors[0].field").value("note"));
        mvc.perform(post("/api/delay-explanations/{id}/reject", explanationId).with(httpBasic("leader", PASSWORD))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"note\":\"Send a second team\"}"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.status").value("REJECTED"));
        String survey = scenario.openTask(orderId, "surveyor");
        scenario.signFor(survey, "surveyor").andExpect(status().isConflict());
        mvc.perform(get("/orders/{id}", orderId).with(httpBasic("surveyor", PASSWORD)))
                .andExpect(status().isOk())
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content()
                        .string(Matchers.allOf(Matchers.containsString("order-locked"), Matchers.containsString("已驳回"))));
    }

    @Test
    @DisplayName("R-SLA-4 the order list shows each open order's worst colour and its lock, and the order's timeline each "
            + "node's deadline and colour, all from the deadline module")
    void orderListAndTimelineShowTheColours() throws Exception {
        clock.set(LocalDateTime.of(2026, 5, 11, 9, 0));
        long orderId = scenario.acceptLvOrder();
        String orderNo = scenario.orderNo(orderId);
        scenario.work(orderId, "clerk", "ACCEPTANCE");
        assertThat(page("/orders?q=" + orderNo)).contains("data-order=\"" + orderId + "\" data-colour=\"GREEN\"")
                .doesNotContain("data-testid=\"locked\"");

        // Due Tuesday night; by Friday the survey is red and the order locked.
        clock.set(LocalDateTime.of(2026, 5, 15, 9, 0));
        sweep.sweep();
        assertThat(page("/orders?q=" + orderNo)).contains("data-order=\"" + orderId + "\" data-colour=\"RED\"")
                .contains("data-testid=\"locked\"");
        Instant due = jdbc.sql("select due_at from node_deadline where order_id = ? and node_code = 'SITE_SURVEY'").param(orderId)
                .query(java.sql.Timestamp.class).single().toInstant();
        String timeline = page("/orders/" + orderId).split("data-testid=\"timeline\"")[1].split("</table>")[0];
        assertThat(timeline).containsPattern("data-node=\"ACCEPTANCE\" data-colour=\"(GREEN|YELLOW)\"")
                .contains("data-node=\"SITE_SURVEY\" data-colour=\"RED\"")
                .contains(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
                        .format(due.atZone(java.time.ZoneId.of("Asia/Shanghai"))));

        // A closed order has no colour, and its row says so rather than failing the list.
        long cancelled = scenario.acceptLvOrder();
        mvc.perform(post("/api/applications/{id}/cancel", cancelled).with(httpBasic("clerk", PASSWORD))
                .contentType(MediaType.APPLICATION_JSON).content("{\"reason\":\"Applicant withdrew\"}")).andExpect(status().isOk());
        assertThat(page("/orders?q=" + scenario.orderNo(cancelled))).contains("data-order=\"" + cancelled + "\">");
    }

    private String page(String url) throws Exception {
        return mvc.perform(get(url).with(httpBasic("clerk", PASSWORD))).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
    }

    @Test
    @DisplayName("R-SLA-4 R-SLA-8 a suspended order's clock stops: no reminder while it waits, the deadline moves on by the "
            + "paused working days, and the applicant sees the pause and the later expected date")
    void suspendedOrderPausesItsClock() throws Exception {
        clock.set(LocalDateTime.of(2026, 3, 16, 9, 0));
        long orderId = scenario.acceptLvOrder();
        String orderNo = scenario.orderNo(orderId);
        scenario.work(orderId, "clerk", "ACCEPTANCE");
        scenario.work(orderId, "surveyor", "SITE_SURVEY");
        // Scheme design waits for the deferred property proof: suspended, its clock paused from the start.
        long design = scenario.deadlineId(orderId, "SCHEME_DESIGN");
        assertThat(jdbc.sql("select paused_since from node_deadline where id = ?").param(design).query(Instant.class).single())
                .isNotNull();
        String token = jdbc.sql("select progress_token from application where id = ?").param(orderId).query(String.class).single();
        String expectedBefore = expected(token);
        String paused = mvc.perform(get("/s/{t}", token)).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(paused).contains("计时暂停", "data-node=\"SCHEME_DESIGN\" data-state=\"WAITING_FOR_CUSTOMER\"", "时限暂停中");

        clock.set(LocalDateTime.of(2026, 3, 23, 10, 0));
        sweep.sweep();
        assertThat(scenario.sms(orderNo, "deadline-reminder")).isZero();
        assertThat(scenario.sms(orderNo, "deadline-overdue")).isZero();
        mvc.perform(get("/api/orders/{id}/deadlines", orderId).with(httpBasic("designer", PASSWORD)))
                .andExpect(jsonPath("$.nodes[?(@.nodeCode == 'SCHEME_DESIGN')].colour").value("GREEN"));

        mvc.perform(multipart("/api/applications/{id}/materials/PROPERTY_PROOF", orderId)
                        .file(new MockMultipartFile("file", "p.pdf", "application/pdf", PDF)).with(httpBasic("clerk", PASSWORD)))
                .andExpect(status().isOk());
        // Paused Monday 16th, resumed Monday 23rd: five working days; due Thursday 19th becomes Thursday 26th.
        mvc.perform(get("/api/orders/{id}/deadlines", orderId).with(httpBasic("designer", PASSWORD)))
                .andExpect(jsonPath("$.nodes[?(@.nodeCode == 'SCHEME_DESIGN')].dueAt").value("2026-03-26T15:59:59Z"))
                .andExpect(jsonPath("$.nodes[?(@.nodeCode == 'SCHEME_DESIGN')].pausedSeconds").value(7 * 86_400 + 3_600));
        mvc.perform(get("/api/applications/{id}", orderId).with(httpBasic("designer", PASSWORD)))
                .andExpect(jsonPath("$.openItems[0].dueAt").value("2026-03-26T15:59:59Z"));
        assertThat(expected(token)).isGreaterThan(expectedBefore);
        assertThat(audit.forSubject("application", orderNo)).extracting(AuditEntry::action)
                .contains("deadline.paused", "deadline.resumed");
        // The customer's clock: the pause, what it waited for and the customer's own days, apart from the utility's time.
        String progress = mvc.perform(get("/s/{t}", token)).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(progress).contains("办理时钟", "2026-03-16 至 2026-03-23 等待您提供：", "5 个工作日，时限暂停",
                "您的环节共用时 5 个工作日", "data-node=\"SITE_SURVEY\" data-state=\"ON_TIME\"",
                "data-node=\"SCHEME_DESIGN\" data-state=\"RUNNING\"");
    }

    @Test
    @DisplayName("R-SLA-4 the board shows open nodes of the reader's scope only, by colour, with counts; another station sees none")
    void boardIsScopedAndCountsByColour() throws Exception {
        clock.set(LocalDateTime.of(2026, 5, 11, 9, 0));
        long orderId = scenario.acceptLvOrder();
        String orderNo = scenario.orderNo(orderId);
        mvc.perform(get("/api/deadlines").param("orderNo", orderNo).with(httpBasic("clerk", PASSWORD)))
                .andExpect(jsonPath("$.total").value(1))
                .andExpect(jsonPath("$.nodes[0].nodeCode").value("ACCEPTANCE"))
                .andExpect(jsonPath("$.counts.yellow").value(1));
        mvc.perform(get("/api/deadlines").param("orderNo", orderNo).with(httpBasic("clerk.west", PASSWORD)))
                .andExpect(jsonPath("$.total").value(0));
        mvc.perform(get("/api/orders/{id}/deadlines", orderId).with(httpBasic("clerk.west", PASSWORD)))
                .andExpect(status().isNotFound());
        mvc.perform(get("/api/deadlines").param("orderNo", orderNo).param("role", "CLERK").param("colour", "GREEN")
                        .with(httpBasic("clerk", PASSWORD)))
                .andExpect(jsonPath("$.total").value(0));
        mvc.perform(get("/api/deadlines").param("size", "500").with(httpBasic("clerk", PASSWORD)))
                .andExpect(status().isUnprocessableContent()).andExpect(jsonPath("$.errors[0].field").value("size"));
        String board = mvc.perform(get("/deadlines/board").param("orderNo", orderNo).with(httpBasic("clerk", PASSWORD)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(board).contains(orderNo).contains("共 1 条");
        assertThat(mvc.perform(get("/").with(httpBasic("clerk", PASSWORD))).andReturn().getResponse().getContentAsString())
                .contains("deadline-counts").contains("/deadlines/board");
    }

    private String expected(String token) throws Exception {
        String page = mvc.perform(get("/s/{t}", token)).andReturn().getResponse().getContentAsString();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\d{4}-\\d{2}-\\d{2}").matcher(
                page.substring(page.indexOf("progress-expected")));
        assertThat(m.find()).isTrue();
        return m.group();
    }

    private ResultActions explain(long deadlineId, String user, String json) throws Exception {
        return mvc.perform(post("/api/deadlines/{id}/explanations", deadlineId).with(httpBasic(user, PASSWORD))
                .contentType(MediaType.APPLICATION_JSON).content(json));
    }

    private ResultActions approve(long explanationId, String user, String date) throws Exception {
        return mvc.perform(post("/api/delay-explanations/{id}/approve", explanationId).with(httpBasic(user, PASSWORD))
                .contentType(MediaType.APPLICATION_JSON)
                .content(date == null ? "{\"note\":\"ok\"}" : "{\"newDueDate\":\"" + date + "\",\"note\":\"ok\"}"));
    }
}
