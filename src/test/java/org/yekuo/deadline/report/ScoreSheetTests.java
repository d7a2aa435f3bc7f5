package org.yekuo.deadline.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.yekuo.deadline.report.ReportFixtures.at;
import static org.yekuo.deadline.report.ReportFixtures.newOrder;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.Locale;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.yekuo.audit.AuditTrail;
import org.yekuo.reporting.ReportMonth;

@SpringBootTest
@AutoConfigureMockMvc
class ScoreSheetTests {

    private static final YearMonth MONTH = YearMonth.of(2026, 4);
    private static final String PASSWORD = "Yekuo@2026";

    @Autowired
    ScoreSheets sheets;

    @Autowired
    ScoreRules rules;

    @Autowired
    AuditTrail audit;

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    ReportFixtures fixtures;
    ReportFixtures.Station station;

    @BeforeEach
    void station() {
        fixtures = new ReportFixtures(jdbc);
        station = fixtures.station();
    }

    private ScoreSheet sheet(YearMonth month) {
        return sheets.of(new ReportMonth(month, ReportFixtures.ZONE), station.scope(), Locale.SIMPLIFIED_CHINESE);
    }

    @Test
    @DisplayName("R-SLA-6 yellow costs 0.5 and red 2 points, charged to the department owning the node, once per order, node and department a month")
    void chargesOwningDepartments() {
        String path = station.team();
        long order1 = newOrder();
        // Yellow then red in the same month at one node: red only.
        fixtures.node(order1, "SITE_SURVEY", path).due(at(MONTH, 8, 9)).yellow(at(MONTH, 3, 9)).red(at(MONTH, 8, 10)).save();
        // The same node of the same order again (a second task, e.g. after a return), red again: still one mark.
        fixtures.node(order1, "SITE_SURVEY", path).due(at(MONTH, 20, 9)).red(at(MONTH, 20, 10)).save();
        // Another node of the same order owned by the same station: a second mark, yellow.
        fixtures.node(order1, "METER_INSTALLATION", path).roles("INSPECTOR").due(at(MONTH, 28, 9)).yellow(at(MONTH, 25, 9)).save();
        // Supply works belong to the materials department, not to the station whose counter took the order.
        fixtures.node(newOrder(), "SUPPLY_WORKS", path).roles("MATERIALS_CLERK").due(at(MONTH, 10, 9)).yellow(at(MONTH, 7, 9)).save();
        // A review task of the dispatch reviewer belongs to the dispatch centre by its role rule.
        fixtures.node(newOrder(), "SCHEME_REVIEW", path).roles("REVIEWER_DISPATCH").due(at(MONTH, 10, 9)).red(at(MONTH, 10, 10)).save();
        // Yellow in March and red in April: April counts the red only; March's yellow stays in March.
        fixtures.node(newOrder(), "SITE_SURVEY", path).due(at(MONTH, 1, 9)).yellow(at(MONTH.minusMonths(1), 29, 9))
                .red(at(MONTH, 1, 10)).save();

        ScoreSheet april = sheet(MONTH);

        assertThat(april.departments()).extracting(ScoreSheet.Department::code, ScoreSheet.Department::yellowOrders,
                        ScoreSheet.Department::redOrders, ScoreSheet.Department::deducted)
                .containsExactly(tuple(station.code(), 1L, 2L, new BigDecimal("4.5")),
                        tuple("YK-DSP", 0L, 1L, new BigDecimal("2")),
                        tuple("YK-MAT", 1L, 0L, new BigDecimal("0.5")));
        assertThat(april.totalDeducted()).isEqualByComparingTo("7");
        assertThat(april.departments().get(0).score()).isEqualByComparingTo("-4.5");
        assertThat(sheet(MONTH.minusMonths(1)).departments()).extracting(ScoreSheet.Department::code, ScoreSheet.Department::yellowOrders)
                .containsExactly(tuple(station.code(), 1L));
    }

    @Test
    @DisplayName("R-SLA-6 an administrator's changed rule moves the points to another department at its new price, audited")
    void changedRuleMovesPoints() throws Exception {
        fixtures.node(newOrder(), "COMPLETION_ACCEPTANCE", station.team()).roles("INSPECTOR").due(at(MONTH, 8, 9))
                .red(at(MONTH, 8, 10)).save();
        assertThat(sheet(MONTH).departments()).extracting(ScoreSheet.Department::code).containsExactly(station.code());
        ScoreRule rule = rules.all().stream().filter(r -> r.nodeCode().equals("COMPLETION_ACCEPTANCE")).findFirst().orElseThrow();
        try {
            mvc.perform(put("/api/deadlines/reports/score-rules/{id}", rule.id()).with(httpBasic("admin", PASSWORD))
                            .contentType(MediaType.APPLICATION_JSON)
                            .content("{\"revision\":" + rule.revision() + ",\"owner\":\"UNIT\",\"orgUnitCode\":\"YK-OPS\",\"yellowPoints\":1,\"redPoints\":3}"))
                    .andExpect(status().isOk())
                    .andExpect(jsonPath("$.revision").value(rule.revision() + 1))
                    .andExpect(jsonPath("$.changedBy").value("admin"));

            ScoreSheet changed = sheet(MONTH);
            assertThat(changed.departments()).extracting(ScoreSheet.Department::code, ScoreSheet.Department::deducted)
                    .containsExactly(tuple("YK-OPS", new BigDecimal("3")));
            assertThat(changed.rulesRevision()).isGreaterThan(0);
            assertThat(audit.forSubject("score-rule", "COMPLETION_ACCEPTANCE/*")).last()
                    .satisfies(entry -> {
                        assertThat(entry.action()).isEqualTo("score-rule.changed");
                        assertThat(entry.actor()).isEqualTo("admin");
                        assertThat(entry.detail()).contains("owner=STATION").contains("owner=UNIT:YK-OPS yellow=1 red=3");
                    });
            // The revision read before the change is stale now: refused, not overwritten.
            mvc.perform(put("/api/deadlines/reports/score-rules/{id}", rule.id()).with(httpBasic("admin", PASSWORD))
                            .contentType(MediaType.APPLICATION_JSON)
                            .content("{\"revision\":" + rule.revision() + ",\"owner\":\"STATION\",\"yellowPoints\":0.5,\"redPoints\":2}"))
                    .andExpect(status().isConflict());
        } finally {
            ScoreRule current = rules.find(rule.id()).orElseThrow();
            mvc.perform(put("/api/deadlines/reports/score-rules/{id}", rule.id()).with(httpBasic("admin", PASSWORD))
                            .contentType(MediaType.APPLICATION_JSON)
                            .content("{\"revision\":" + current.revision() + ",\"owner\":\"STATION\",\"yellowPoints\":0.5,\"redPoints\":2}"))
                    .andExpect(status().isOk());
        }
        assertThat(sheet(MONTH).departments()).extracting(ScoreSheet.Department::code, ScoreSheet.Department::deducted)
                .containsExactly(tuple(station.code(), new BigDecimal("2")));
    }

    @Test
    @DisplayName("R-SLA-6 a rule naming an unknown unit or bad points is refused on its field, and only administrators change rules")
    void refusesBadRules() throws Exception {
        ScoreRule rule = rules.all().stream().filter(r -> r.nodeCode().equals("POWER_ON")).findFirst().orElseThrow();
        String url = "/api/deadlines/reports/score-rules/" + rule.id();
        mvc.perform(put(url).with(httpBasic("admin", PASSWORD)).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"revision\":" + rule.revision() + ",\"owner\":\"UNIT\",\"orgUnitCode\":\"NOPE\",\"yellowPoints\":0.5,\"redPoints\":2}"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("orgUnitCode"));
        mvc.perform(put(url).with(httpBasic("admin", PASSWORD)).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"revision\":" + rule.revision() + ",\"owner\":\"STATION\",\"yellowPoints\":-1,\"redPoints\":2}"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("yellowPoints"));
        mvc.perform(put(url).with(httpBasic("leader", PASSWORD)).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"revision\":" + rule.revision() + ",\"owner\":\"STATION\",\"yellowPoints\":0.5,\"redPoints\":2}"))
                .andExpect(status().isForbidden());
        assertThat(rules.find(rule.id()).orElseThrow().revision()).isEqualTo(rule.revision());
    }
}
