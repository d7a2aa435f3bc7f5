package org.yekuo.insight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.yekuo.identity.CurrentUser;
import org.yekuo.identity.Role;
import org.yekuo.shared.DomainException;

/**
 * The risk forecast finds a station that is slow at design review from a generated history: its open node is
 * forecast far riskier than the same node at a station that keeps its limits, the reason says whose history
 * and what share ran late, the board sorts and filters by it within the reader's scope, and the handler and the
 * head are warned once.
 */
@SpringBootTest
@AutoConfigureMockMvc
class RiskForecastTests {

    @Autowired
    RiskForecast forecast;

    @Autowired
    RiskRefresh refresh;

    @Autowired
    RiskBoard board;

    @Autowired
    RiskWords words;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Clock clock;

    @Autowired
    MockMvc mvc;

    @Test
    @DisplayName("R-SLA-9 a station slow at design review is found: its open node's risk is high, a punctual station's low, "
            + "the reason names the station and its late share, the board sorts and filters by risk, one early warning")
    void slowStationIsForecastAndWarnedOnce() throws Exception {
        InsightHistory history = new InsightHistory(jdbc);
        Instant now = clock.instant();
        InsightHistory.Station slow = history.station();
        InsightHistory.Station punctual = history.station();
        history.finished(slow, 60, 30, now);
        history.finished(punctual, 60, 3, now);
        long slowOrder = InsightHistory.newOrder();
        long slowNode = history.open(slow, slowOrder, 0.5, "designer", history.unitId("YK-EAST"), now);
        long punctualOrder = InsightHistory.newOrder();
        long punctualNode = history.open(punctual, punctualOrder, 0.5, null, null, now);

        forecast.recomputeProfiles();
        refresh.refresh();

        double slowRisk = risk(slowNode);
        double punctualRisk = risk(punctualNode);
        // Half ran late; of those still open at half their window, about two in three: S(1)/S(0.5) = 0.5/0.75.
        assertThat(slowRisk).isBetween(0.55, 0.8);
        assertThat(punctualRisk).isLessThan(0.2);

        NodeRisk assessed = forecast.assess(jdbcNode(slowNode));
        assertThat(assessed.basis()).isEqualTo(Basis.STATION);
        assertThat(assessed.cases()).isEqualTo(61);
        assertThat(assessed.level()).isEqualTo(RiskLevel.HIGH);
        assertThat(words.reason(assessed, Locale.SIMPLIFIED_CHINESE)).contains("设计文件审核", "测试供电所" + slow.code(), "61 件",
                "（10 个工作日）", "已用去时限的 50%").containsPattern("有 (49|5\\d)% 超过时限");
        assertThat(words.reason(assessed, Locale.ENGLISH)).contains("Test station " + slow.code(), "(10 working days)");

        // The order: its open node and every node still ahead must be on time.
        OrderRisk order = forecast.ofOrder(slowOrder).orElseThrow();
        assertThat(order.nodesAhead()).isPositive();
        assertThat(order.risk()).isGreaterThanOrEqualTo(order.openNodes().get(0).risk());

        // The board of a reader over both stations (the company), riskiest first, filtered by a minimum risk.
        CurrentUser companyReader = reader(slow.path().substring(0, slow.path().length() - String.valueOf(slow.id()).length() - 1));
        RiskBoard.RiskPage page = board.search(companyReader, new RiskBoard.Filter(50, InsightHistory.NODE, null, null), 0, 100);
        assertThat(page.nodes()).extracting(NodeRisk::deadlineId).contains(slowNode).doesNotContain(punctualNode);
        assertThat(page.nodes()).extracting(NodeRisk::risk).isSortedAccordingTo((a, b) -> Double.compare(b, a));
        // A reader of the punctual station sees only its own node.
        RiskBoard.RiskPage own = board.search(reader(punctual.path()), RiskBoard.Filter.none(), 0, 100);
        assertThat(own.nodes()).extracting(NodeRisk::deadlineId).containsExactly(punctualNode);
        assertThatThrownBy(() -> board.search(companyReader, new RiskBoard.Filter(101, null, null, null), 0, 20))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.fieldProblems().get(0).field()).isEqualTo("minRisk"));

        // One warning to the handler and one to the station's head, however often the forecast is refreshed.
        assertThat(warnings("I" + slowOrder)).isEqualTo(2);
        assertThat(warnings("I" + punctualOrder)).isZero();
        refresh.refresh();
        assertThat(warnings("I" + slowOrder)).isEqualTo(2);
    }

    @Test
    @DisplayName("R-X-5 the risk board and an order's risk as JSON and as a page; a bad minimum risk is named in the problem; "
            + "an order outside the caller's scope is not found")
    void riskApiAndPage() throws Exception {
        InsightHistory history = new InsightHistory(jdbc);
        InsightHistory.Station station = history.station();
        long orderId = InsightHistory.newOrder();
        history.open(station, orderId, 0.3, null, null, clock.instant());
        refresh.refresh();

        mvc.perform(get("/api/insight/risk").param("minRisk", "0").param("sort", "DUE").with(httpBasic("leader", "Yekuo@2026")))
                .andExpect(status().isOk()).andExpect(jsonPath("$.total").isNumber());
        mvc.perform(get("/api/insight/risk").param("minRisk", "150").with(httpBasic("leader", "Yekuo@2026")))
                .andExpect(status().isUnprocessableContent()).andExpect(jsonPath("$.errors[0].field").value("minRisk"));
        mvc.perform(get("/api/insight/orders/{id}/risk", orderId).with(httpBasic("leader", "Yekuo@2026")))
                .andExpect(status().isOk()).andExpect(jsonPath("$.openNodes[0].nodeCode").value(InsightHistory.NODE));
        mvc.perform(get("/api/insight/orders/{id}/risk", InsightHistory.newOrder()).with(httpBasic("leader", "Yekuo@2026")))
                .andExpect(status().isNoContent());
        // The east station's clerk does not see an order of another station.
        mvc.perform(get("/api/insight/orders/{id}/risk", orderId).with(httpBasic("clerk", "Yekuo@2026")))
                .andExpect(status().isNotFound());
        String page = mvc.perform(get("/insight/risk").param("minRisk", "abc").with(httpBasic("leader", "Yekuo@2026")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(page).contains("超期风险预测", "风险下限“abc”无效");
    }

    private CurrentUser reader(String scopePath) {
        return new CurrentUser(0, "reader", "reader", 0, "", "", scopePath, scopePath, Set.of(Role.LEADER));
    }

    private double risk(long deadlineId) {
        return jdbc.sql("select risk from insight_node_risk where deadline_id = ?").param(deadlineId).query(Double.class).single();
    }

    private org.yekuo.deadline.NodeDeadline jdbcNode(long deadlineId) {
        long orderId = jdbc.sql("select order_id from node_deadline where id = ?").param(deadlineId).query(Long.class).single();
        return forecastDeadlines.ofOrder(orderId).stream().filter(n -> n.id() == deadlineId).findFirst().orElseThrow();
    }

    @Autowired
    org.yekuo.deadline.Deadlines forecastDeadlines;

    private long warnings(String orderNo) {
        return jdbc.sql("select count(*) from sms_outbox where template_code = 'risk-warning' and business_ref = ?").param(orderNo)
                .query(Long.class).single();
    }
}
