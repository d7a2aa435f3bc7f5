package org.yekuo.deadline.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.YearMonth;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.yekuo.identity.DataScope;
import org.yekuo.reporting.ReportMonth;

/**
 * Not part of the suite (no "Tests" suffix): seeds a million node rows on PostgreSQL and reports each monthly
 * report as a ratio to the same-run baseline, a plain indexed count of the same month on the same table, so the
 * figure compares across machines and loads. Each query runs {@value #ROUNDS} times after a warm-up; the median
 * counts. Run with {@code ./mvnw -o -q test -Dtest=OverdueReportsBenchmark} ({@code -Dbench.rows=100000} for a
 * quick look); it fails when a report costs more than {@value #BUDGET} baselines, a regression of its plan
 * (a lost index or predicate), not a slow machine.
 */
@SpringBootTest
class OverdueReportsBenchmark {

    private static final int ROWS = Integer.getInteger("bench.rows", 1_000_000);
    private static final int WARM_UP_RUNS = 1;
    private static final int ROUNDS = 5;
    /**
     * The most baselines a report may cost. Measured at 3 to 8 (200,000 rows, a loaded two-core machine); a report that
     * lost its index reads two years instead of one month, some twenty-four times more, and goes past it.
     */
    private static final int BUDGET = 50;
    private static final YearMonth MONTH = YearMonth.of(2025, 9);

    @Autowired
    JdbcClient jdbc;

    @Autowired
    OverdueAnalysis analysis;

    @Autowired
    ScoreSheets scores;

    @Autowired
    OnTimeLeaderboard leaderboard;

    @Test
    void reportsOverAMillionNodes() {
        ReportFixtures fixtures = new ReportFixtures(jdbc);
        ReportFixtures.Station east = fixtures.station();
        ReportFixtures.Station west = fixtures.station();
        String tag = UUID.randomUUID().toString().substring(0, 8);
        long seeding = System.nanoTime();
        // Two years of nodes over two stations and 300 handlers: a tenth red, a seventh yellow, most completed.
        jdbc.sql("""
                insert into node_deadline (order_id, order_no, type_code, node_code, task_id, roles, org_path, handler,
                    reached_at, due_at, yellow_at, remind_at, completed_at, turned_yellow_at, turned_red_at, locked)
                select 900000000 + g / 8, 'B' || (g / 8), 'LV_RESIDENTIAL',
                       (array['ACCEPTANCE','SITE_SURVEY','SCHEME_DESIGN','SCHEME_REVIEW','SCHEME_REPLY','DESIGN_REVIEW',
                              'INTERMEDIATE_INSPECTION','SUPPLY_WORKS','COMPLETION_ACCEPTANCE','CONTRACT',
                              'METER_INSTALLATION','POWER_ON'])[1 + g % 12],
                       :tag || '-' || g, 'SURVEYOR', case when g % 2 = 0 then :east else :west end, 'bench.' || (g % 300),
                       due - interval '5 days', due, due - interval '3 days', due - interval '1 day',
                       case when g % 10 = 9 then null when g % 10 = 0 then due + interval '1 day' else due - interval '1 hour' end,
                       case when g % 7 = 0 then due - interval '3 days' end,
                       case when g % 10 = 0 then due + interval '1 hour' end, false
                from (select g, timestamp with time zone '2024-10-01 00:00:00+08' + (g % 730) * interval '1 day'
                                + (g % 24) * interval '1 hour' as due
                      from generate_series(1, :rows) g) s""")
                .param("tag", "bench-" + tag).param("east", east.team()).param("west", west.team()).param("rows", ROWS)
                .update();
        jdbc.sql("analyze node_deadline").update();
        System.out.printf("seeded %,d rows in %d ms%n", ROWS, (System.nanoTime() - seeding) / 1_000_000);
        try {
            ReportMonth month = new ReportMonth(MONTH, ReportFixtures.ZONE);
            DataScope company = new DataScope(fixtures.pathOf("YK"));
            Map<String, Supplier<Object>> reports = new LinkedHashMap<>();
            reports.put("overdue analysis, company", () -> analysis.of(month, company, Locale.SIMPLIFIED_CHINESE).overdueNodes());
            reports.put("overdue analysis, one station", () -> analysis.of(month, east.scope(), Locale.SIMPLIFIED_CHINESE).overdueNodes());
            reports.put("score sheet, company", () -> scores.of(month, company, Locale.SIMPLIFIED_CHINESE).totalDeducted());
            reports.put("leaderboard, company", () -> leaderboard.of(month, company, Locale.SIMPLIFIED_CHINESE).ranked());
            Supplier<Object> baseline = () -> jdbc.sql("select count(*) from node_deadline where completed_at >= ? and completed_at < ?")
                    .params(java.sql.Timestamp.from(month.from()), java.sql.Timestamp.from(month.to())).query(Long.class).single();

            double base = median(baseline);
            System.out.printf("%-32s %8.1f ms  (baseline)%n", "plain indexed count of the month", base);
            Map<String, Double> ratios = new LinkedHashMap<>();
            reports.forEach((what, query) -> {
                double ms = median(query);
                ratios.put(what, ms / base);
                System.out.printf("%-32s %8.1f ms  %6.1f x baseline%n", what, ms, ms / base);
            });
            assertThat(ratios).as("reports costing more than %d baselines", BUDGET).allSatisfy((what, ratio) -> assertThat(ratio)
                    .as(what).isLessThanOrEqualTo(BUDGET));
        } finally {
            jdbc.sql("delete from node_deadline where task_id like ?").param("bench-" + tag + "-%").update();
        }
    }

    /** The median time of {@value #ROUNDS} runs of the query after a warm-up run, in milliseconds. */
    private static double median(Supplier<Object> query) {
        for (int i = 0; i < WARM_UP_RUNS; i++) {
            query.get();
        }
        double[] times = new double[ROUNDS];
        for (int i = 0; i < times.length; i++) {
            long start = System.nanoTime();
            query.get();
            times[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(times);
        return times[times.length / 2];
    }
}
