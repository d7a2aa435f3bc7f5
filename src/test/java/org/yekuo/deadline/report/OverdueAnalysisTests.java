package org.yekuo.deadline.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.yekuo.deadline.report.ReportFixtures.at;
import static org.yekuo.deadline.report.ReportFixtures.newOrder;

import java.sql.Timestamp;
import java.time.YearMonth;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import org.yekuo.deadline.DelayCategory;
import org.yekuo.reporting.ReportMonth;

@SpringBootTest
class OverdueAnalysisTests {

    private static final YearMonth MONTH = YearMonth.of(2026, 3);
    private static final Locale ZH = Locale.SIMPLIFIED_CHINESE;

    @Autowired
    OverdueAnalysis analysis;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    ReportFixtures fixtures;
    ReportFixtures.Station station;

    @BeforeEach
    void station() {
        fixtures = new ReportFixtures(jdbc);
        station = fixtures.station();
    }

    private OverdueReport report(YearMonth month) {
        return analysis.of(new ReportMonth(month, ReportFixtures.ZONE), station.scope(), ZH);
    }

    private static Map<String, Long> counts(java.util.List<OverdueReport.Line> lines) {
        return lines.stream().collect(Collectors.toMap(OverdueReport.Line::code, OverdueReport.Line::count));
    }

    @Test
    @DisplayName("R-SLA-5 overdue nodes of a month are grouped by reason (unexplained apart), node, owning department and person")
    void groupsOverdueNodes() {
        String path = station.team();
        long order1 = newOrder();
        long order2 = newOrder();
        // Red in the month, explained: materials out of stock (its latest explanation that was not rejected).
        long supply = fixtures.node(order1, "SUPPLY_WORKS", path).roles("MATERIALS_CLERK").handler("materials")
                .due(at(MONTH, 2, 9)).red(at(MONTH, 3, 9)).save();
        fixtures.explain(supply, DelayCategory.CUSTOMER_NOT_COOPERATING, "REJECTED");
        fixtures.explain(supply, DelayCategory.MATERIALS_OUT_OF_STOCK, "APPROVED");
        // Red in the month, only a rejected explanation: unexplained.
        long survey = fixtures.node(order1, "SITE_SURVEY", path).handler("surveyor").due(at(MONTH, 9, 9)).red(at(MONTH, 10, 9)).save();
        fixtures.explain(survey, DelayCategory.OTHER, "REJECTED");
        // Completed late in the month without ever having been marked red (the sweep had not run yet).
        long late = fixtures.node(order2, "SITE_SURVEY", path).handler("surveyor").due(at(MONTH, 20, 9))
                .completed(at(MONTH, 20, 15)).save();
        fixtures.explain(late, DelayCategory.SITE_OR_WEATHER, "PENDING");
        // Not overdue in March: on time; red in February (completed late in March); late in April.
        fixtures.node(order2, "METER_INSTALLATION", path).handler("inspector").due(at(MONTH, 25, 9)).completed(at(MONTH, 24, 9)).save();
        fixtures.node(order2, "POWER_ON", path).handler("inspector").due(at(MONTH.minusMonths(1), 27, 9))
                .red(at(MONTH.minusMonths(1), 28, 9)).completed(at(MONTH, 2, 9)).save();
        fixtures.node(newOrder(), "CONTRACT", path).roles("CLERK").due(at(MONTH, 31, 9)).completed(at(MONTH.plusMonths(1), 1, 9)).save();
        // Another station's red node in the month stays out of this station's report.
        fixtures.node(newOrder(), "SITE_SURVEY", fixtures.station().team()).due(at(MONTH, 2, 9)).red(at(MONTH, 3, 9)).save();

        OverdueReport report = report(MONTH);

        assertThat(report.overdueNodes()).isEqualTo(3);
        assertThat(report.overdueOrders()).isEqualTo(2);
        assertThat(report.unexplained()).isEqualTo(1);
        assertThat(report.byCategory()).extracting(OverdueReport.Line::code).containsExactly("MATERIALS_OUT_OF_STOCK",
                "CUSTOMER_NOT_COOPERATING", "INTERNAL_HANDOFF", "EXTERNAL_PERMITS", "SITE_OR_WEATHER", "OTHER", "UNEXPLAINED");
        assertThat(counts(report.byCategory())).containsEntry("MATERIALS_OUT_OF_STOCK", 1L).containsEntry("SITE_OR_WEATHER", 1L)
                .containsEntry("UNEXPLAINED", 1L).containsEntry("OTHER", 0L).containsEntry("CUSTOMER_NOT_COOPERATING", 0L);
        assertThat(report.byCategory()).filteredOn(l -> l.code().equals("MATERIALS_OUT_OF_STOCK"))
                .extracting(OverdueReport.Line::name).containsExactly("\u7269\u8d44\u7f3a\u8d27");
        assertThat(report.byNode()).extracting(OverdueReport.Line::code, OverdueReport.Line::count)
                .containsExactly(tuple("SITE_SURVEY", 2L), tuple("SUPPLY_WORKS", 1L));
        // Survey belongs to the order's station, supply works to the materials department (default rules).
        assertThat(counts(report.byDepartment())).containsOnly(Map.entry(station.code(), 2L), Map.entry("YK-MAT", 1L));
        assertThat(report.byDepartment()).filteredOn(l -> l.code().equals("YK-MAT")).extracting(OverdueReport.Line::name)
                .containsExactly("\u7269\u8d44\u90e8");
        assertThat(counts(report.byPerson())).containsOnly(Map.entry("surveyor", 2L), Map.entry("materials", 1L));
        assertThat(report.scopeName()).contains(station.code());
    }

    @Test
    @DisplayName("R-SLA-5 the month-on-month trend counts each overdue node in the month it went overdue, twelve months oldest first")
    void trendOverTwelveMonths() {
        String path = station.team();
        for (int back = 0; back < 3; back++) {
            YearMonth month = MONTH.minusMonths(back);
            for (int i = 0; i <= back; i++) {
                fixtures.node(newOrder(), "SITE_SURVEY", path).due(at(month, 5, 9)).red(at(month, 6 + i, 9)).save();
            }
        }
        // Thirteen months back: outside the window.
        fixtures.node(newOrder(), "SITE_SURVEY", path).due(at(MONTH.minusMonths(12), 5, 9)).red(at(MONTH.minusMonths(12), 6, 9)).save();

        OverdueReport report = report(MONTH);

        assertThat(report.trend()).hasSize(12);
        assertThat(report.trend().get(0).month()).isEqualTo("2025-04");
        assertThat(report.trend().subList(9, 12)).extracting(OverdueReport.MonthCount::month, OverdueReport.MonthCount::count)
                .containsExactly(tuple("2026-01", 3L), tuple("2026-02", 2L),
                        tuple("2026-03", 1L));
        assertThat(report.trend().subList(0, 9)).allMatch(m -> m.count() == 0);
    }

    @Test
    @DisplayName("R-SLA-5 the top recurring causes rank reason and node pairs of the month, with last month's count beside")
    void topRecurringCauses() {
        String path = station.team();
        for (int i = 0; i < 3; i++) {
            fixtures.explain(fixtures.node(newOrder(), "SUPPLY_WORKS", path).roles("MATERIALS_CLERK")
                    .due(at(MONTH, 2, 9)).red(at(MONTH, 3 + i, 9)).save(), DelayCategory.MATERIALS_OUT_OF_STOCK, "APPROVED");
        }
        for (int i = 0; i < 2; i++) {
            fixtures.explain(fixtures.node(newOrder(), "SITE_SURVEY", path).due(at(MONTH, 2, 9)).red(at(MONTH, 3 + i, 9)).save(),
                    DelayCategory.CUSTOMER_NOT_COOPERATING, "PENDING");
        }
        fixtures.node(newOrder(), "POWER_ON", path).due(at(MONTH, 2, 9)).red(at(MONTH, 3, 9)).save();
        YearMonth february = MONTH.minusMonths(1);
        fixtures.explain(fixtures.node(newOrder(), "SUPPLY_WORKS", path).roles("MATERIALS_CLERK")
                .due(at(february, 2, 9)).red(at(february, 3, 9)).save(), DelayCategory.MATERIALS_OUT_OF_STOCK, "APPROVED");

        OverdueReport report = report(MONTH);

        assertThat(report.topCauses()).extracting(OverdueReport.Cause::category, OverdueReport.Cause::node,
                OverdueReport.Cause::count, OverdueReport.Cause::previousMonth)
                .containsExactly(tuple("MATERIALS_OUT_OF_STOCK", "SUPPLY_WORKS", 3L, 1L),
                        tuple("CUSTOMER_NOT_COOPERATING", "SITE_SURVEY", 2L, 0L));
        assertThat(report.topCauses().get(0).nodeName()).isEqualTo("\u914d\u5957\u5de5\u7a0b\u4e0e\u7269\u8d44");
    }

    @Test
    @DisplayName("R-SLA-5 a month's overdue nodes are read from the index of overdue moments, not from every node completed in it")
    void monthReadsOnlyOverdueNodes() {
        ReportMonth month = new ReportMonth(MONTH, ReportFixtures.ZONE);
        // Sequential and bitmap scans are left out so that the answer does not depend on how few rows the test holds:
        // only an index whose expression and predicate match the query can serve it.
        List<String> plan = transactions.execute(status -> {
            for (String setting : List.of("enable_seqscan", "enable_bitmapscan")) {
                jdbc.sql("set local " + setting + " = off").update();
            }
            return jdbc.sql("explain select d.node_code, " + OverdueAnalysis.CATEGORY + " from node_deadline d"
                            + " where d.org_path like :scope and " + OverdueAnalysis.OVERDUE)
                    .param("scope", station.scope().likePattern()).param("from", Timestamp.from(month.from()))
                    .param("to", Timestamp.from(month.to())).query(String.class).list();
        });

        // Each node's latest explanation is one probe of the index by deadline and id, newest first.
        assertThat(String.join("\n", plan)).contains(" using node_deadline_overdue_at_idx ")
                .containsPattern("Index (Only )?Scan Backward using delay_explanation_latest_idx ");
    }
}

