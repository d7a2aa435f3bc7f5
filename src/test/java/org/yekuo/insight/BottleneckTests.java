package org.yekuo.insight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.YearMonth;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.support.TransactionTemplate;
import org.yekuo.calendar.WorkingCalendar;
import org.yekuo.catalogue.Catalogue;
import org.yekuo.catalogue.KeyNode;
import org.yekuo.catalogue.NodeDefinition;
import org.yekuo.deadline.Colour;
import org.yekuo.identity.CurrentUser;
import org.yekuo.identity.Role;
import org.yekuo.shared.DomainException;
import org.yekuo.workflow.NodeSignedFor;
import org.yekuo.workflow.OrderId;
import org.yekuo.workflow.TaskId;

/**
 * The bottleneck view finds a station that is slow at design review in a generated history of HV single-supply
 * orders: there design review waits 8 working days to be signed for and takes 4 more (limit 10), elsewhere 1 and 3.
 * The view names it first among the slowest transitions, colours it red, splits its time into waiting and working,
 * and judges the station's orders by the State Grid rule (none on time, since an assessed node was late).
 */
@SpringBootTest
@AutoConfigureMockMvc
class BottleneckTests {

    private static final String PASSWORD = "Yekuo@2026";

    @Autowired
    FlowAggregates aggregates;

    @Autowired
    Bottlenecks bottlenecks;

    @Autowired
    Catalogue catalogue;

    @Autowired
    WorkingCalendar calendar;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Clock clock;

    @Autowired
    MockMvc mvc;

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    TransactionTemplate transactions;

    /** A month of the past no other test writes orders of its stations in. */
    private static final YearMonth MONTH = YearMonth.of(2025, 9);

    @Test
    @DisplayName("R-SLA-9 a station slow at design review is found: first among the five slowest, red, its wait to be signed for "
            + "told apart from its work; its HV orders are on time only when every assessed node is")
    void slowStationIsFound() {
        InsightHistory history = new InsightHistory(jdbc);
        InsightHistory.Station slow = history.station();
        InsightHistory.Station punctual = history.station();
        for (int i = 0; i < 12; i++) {
            // Accepted early in the month before: design review in that month, power-on in this one.
            order(slow, MONTH.minusMonths(1).atDay(1 + i % 5), 8, 4);
            order(punctual, MONTH.minusMonths(1).atDay(1 + i % 5), 1, 3);
        }
        aggregates.recompute(List.of(MONTH, MONTH.minusMonths(1)));

        Bottlenecks.View view = bottlenecks.view(leader(), new Bottlenecks.Query(MONTH.minusMonths(1), MONTH, "HV_NEW_SINGLE", slow.code()),
                Locale.SIMPLIFIED_CHINESE);
        Bottlenecks.Transition review = transition(view, "SCHEME_REPLY", "DESIGN_REVIEW");
        assertThat(review.cases()).isEqualTo(12);
        assertThat(review.waitingMedian()).isBetween(7.9, 8.1);
        assertThat(review.workingMedian()).isBetween(3.9, 4.1);
        // Above 10 days the histogram counts half days: 12 reads as the middle of its bin.
        assertThat(review.totalMedian()).isBetween(11.75, 12.5);
        assertThat(review.limitDays()).isEqualTo(10.0);
        assertThat(review.assessed()).isTrue();
        assertThat(review.colour()).isEqualTo(Colour.RED);
        assertThat(view.slowest().get(0).toNode()).isEqualTo("DESIGN_REVIEW");
        assertThat(view.slowest()).hasSizeLessThanOrEqualTo(5);
        assertThat(view.slowestInWords().get(0)).contains("设计文件审核", "中位 12.", "100% 超期", "时限 10 个工作日", "等待签收中位 8.");
        assertThat(view.orders().orders()).isEqualTo(12);
        assertThat(view.orders().nodeByNode()).isTrue();
        assertThat(view.orders().onTime()).isZero();
        assertThat(view.orders().target()).isEqualTo(22);

        Bottlenecks.View good = bottlenecks.view(leader(), new Bottlenecks.Query(MONTH.minusMonths(1), MONTH, "HV_NEW_SINGLE", punctual.code()), Locale.ENGLISH);
        Bottlenecks.Transition goodReview = transition(good, "SCHEME_REPLY", "DESIGN_REVIEW");
        assertThat(goodReview.colour()).isEqualTo(Colour.GREEN);
        assertThat(goodReview.waitingMedian()).isBetween(0.9, 1.1);
        assertThat(good.orders().onTime()).isEqualTo(good.orders().orders()).isPositive();
    }

    @Test
    @DisplayName("R-SLA-9 the first sign-for time of a node is kept: a hand-over later does not move it")
    void signForTimeIsRecordedOnce() {
        InsightHistory history = new InsightHistory(jdbc);
        InsightHistory.Station station = history.station();
        long orderId = InsightHistory.newOrder();
        Instant reached = clock.instant().minusSeconds(7200).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        long id = history.node(station, orderId, "SITE_SURVEY", "SURVEYOR", reached, null, null);
        String task = jdbc.sql("select task_id from node_deadline where id = ?").param(id).query(String.class).single();
        Instant first = reached.plusSeconds(600);
        transactions.executeWithoutResult(s -> events.publishEvent(new NodeSignedFor(new OrderId(orderId), "SITE_SURVEY", new TaskId(task), "surveyor", 1, first)));
        transactions.executeWithoutResult(s -> events.publishEvent(new NodeSignedFor(new OrderId(orderId), "SITE_SURVEY", new TaskId(task), "designer", 1,
                first.plusSeconds(600))));
        Timestamp signed = jdbc.sql("select signed_at from node_deadline where id = ?").param(id).query(Timestamp.class).single();
        assertThat(signed.toInstant()).isEqualTo(first);
    }

    @Test
    @DisplayName("R-X-5 the bottleneck view as JSON and as a page; a bad month, a reversed or too long period, an unknown type, "
            + "a period without data and a unit outside the caller's scope are refused naming the field")
    void apiPageAndBadInput() throws Exception {
        InsightHistory history = new InsightHistory(jdbc);
        InsightHistory.Station station = history.station();
        order(station, MONTH.minusMonths(1).atDay(1), 1, 1);
        aggregates.recompute(List.of(MONTH.minusMonths(1), MONTH));

        mvc.perform(get("/api/insight/bottlenecks").param("from", MONTH.minusMonths(1).toString()).param("to", MONTH.toString())
                .param("org", station.code()).with(httpBasic("leader", PASSWORD)))
                .andExpect(status().isOk()).andExpect(jsonPath("$.orders.orders").value(1))
                .andExpect(jsonPath("$.transitions[0].fromNode").value("START"));
        mvc.perform(get("/api/insight/bottlenecks").param("from", "2025-13").param("to", "2025-09").with(httpBasic("leader", PASSWORD)))
                .andExpect(status().isUnprocessableContent()).andExpect(jsonPath("$.errors[0].field").value("from"));
        mvc.perform(get("/api/insight/bottlenecks").param("from", "2025-09").param("to", "2025-08").with(httpBasic("leader", PASSWORD)))
                .andExpect(status().isUnprocessableContent()).andExpect(jsonPath("$.errors[0].field").value("to"));
        mvc.perform(get("/api/insight/bottlenecks").param("from", "2023-01").param("to", "2025-08").with(httpBasic("leader", PASSWORD)))
                .andExpect(status().isUnprocessableContent()).andExpect(jsonPath("$.errors[0].field").value("to"));
        mvc.perform(get("/api/insight/bottlenecks").param("from", "2025-09").param("to", "2025-09").param("type", "NOPE")
                .with(httpBasic("leader", PASSWORD)))
                .andExpect(status().isUnprocessableContent()).andExpect(jsonPath("$.errors[0].field").value("type"));
        mvc.perform(get("/api/insight/bottlenecks").param("from", "2001-01").param("to", "2001-02").with(httpBasic("leader", PASSWORD)))
                .andExpect(status().isUnprocessableContent()).andExpect(jsonPath("$.errors[0].field").value("from"));
        // The east station's head may not see a station outside their scope, nor may a clerk see the view at all.
        mvc.perform(get("/api/insight/bottlenecks").param("from", "2025-09").param("to", "2025-09").param("org", station.code())
                .with(httpBasic("head.east", PASSWORD))).andExpect(status().isForbidden());
        mvc.perform(get("/api/insight/bottlenecks").param("from", "2025-09").param("to", "2025-09").with(httpBasic("clerk", PASSWORD)))
                .andExpect(status().isForbidden());
        assertThatThrownBy(() -> Bottlenecks.month("from", "09/2025"))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.fieldProblems().get(0).field()).isEqualTo("from"));

        String page = mvc.perform(get("/insight/bottlenecks").param("from", MONTH.minusMonths(1).toString()).param("to", MONTH.toString())
                .param("org", station.code()).with(httpBasic("leader", PASSWORD)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).contains("流程瓶颈分析", "最慢的五个环节", "data-graph", "全流程时长");
        String refused = mvc.perform(get("/insight/bottlenecks").param("from", "2025-09").param("to", "2025-01")
                .with(httpBasic("leader", PASSWORD))).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(refused).contains("截止月份 2025-01 早于起始月份 2025-09");
    }

    private static Bottlenecks.Transition transition(Bottlenecks.View view, String from, String to) {
        return view.transitions().stream().filter(t -> t.fromNode().equals(from) && t.toNode().equals(to)).findFirst().orElseThrow();
    }

    private CurrentUser leader() {
        String company = jdbc.sql("select path from org_unit where code = 'YK'").query(String.class).single();
        return new CurrentUser(0, "reader", "reader", 0, "", "", company, company, Set.of(Role.LEADER));
    }

    /**
     * One HV single-supply order at the station accepted on {@code start}: each node reached at 09:00 of a working day,
     * signed for one working day later and done one more working day later, except design review, which waits
     * {@code reviewWait} working days and takes {@code reviewWork}; every node's deadline its catalogue limit.
     */
    private void order(InsightHistory.Station station, LocalDate start, int reviewWait, int reviewWork) {
        long orderId = InsightHistory.newOrder();
        LocalDate day = calendar.plusWorkingDays(start, 0).value();
        for (NodeDefinition node : catalogue.version("HV_NEW_SINGLE", 1).nodes()) {
            boolean review = node.node() == KeyNode.DESIGN_REVIEW;
            LocalDate signed = calendar.plusWorkingDays(day, review ? reviewWait : 1).value();
            LocalDate done = calendar.plusWorkingDays(signed, review ? reviewWork : 1).value();
            int limit = Math.max(node.limit().amount(), 2);
            LocalDate due = calendar.plusWorkingDays(day, limit).value();
            Instant reachedAt = at(day);
            Instant completedAt = at(done);
            Instant dueAt = at(due).plusSeconds(8 * 3600);
            jdbc.sql("""
                    insert into node_deadline (order_id, order_no, type_code, type_version, node_code, task_id, roles, org_path,
                        handler, reached_at, signed_at, due_at, yellow_at, remind_at, completed_at, turned_red_at, limit_unit)
                    values (?, ?, 'HV_NEW_SINGLE', 1, ?, ?, 'DESIGNER', ?, 'designer', ?, ?, ?, ?, ?, ?, ?, 'WORKING_DAYS')""")
                    .params(orderId, "B" + orderId, node.node().name(), UUID.randomUUID().toString(), station.path(), ts(reachedAt),
                            ts(at(signed)), ts(dueAt), ts(reachedAt), ts(reachedAt), ts(completedAt),
                            completedAt.isAfter(dueAt) ? ts(dueAt) : null)
                    .update();
            day = done;
        }
    }

    private Instant at(LocalDate date) {
        return date.atTime(LocalTime.of(9, 0)).atZone(clock.getZone()).toInstant();
    }

    private static Timestamp ts(Instant instant) {
        return Timestamp.from(instant);
    }
}
