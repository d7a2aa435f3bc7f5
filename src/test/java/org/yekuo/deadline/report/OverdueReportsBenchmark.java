package org.yekuo.deadline.report;

import java.time.YearMonth;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.yekuo.identity.DataScope;
import org.yekuo.reporting.ReportMonth;

/**
 * Not part of the suite (no "Tests" suffix): seeds a million node rows on PostgreSQL and reports how
 * long each monthly report takes next to a plain indexed count of the same month on the same table.
 * Run with {@code ./mvnw -o -q test -Dtest=OverdueReportsBenchmark}.
 */
@SpringBootTest
class OverdueReportsBenchmark {

    private static final int ROWS = 1_000_000;
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
            for (int round = 0; round < 2; round++) {
                time("plain indexed count of the month", () -> jdbc.sql(
                        "select count(*) from node_deadline where completed_at >= ? and completed_at < ?")
                        .params(java.sql.Timestamp.from(month.from()), java.sql.Timestamp.from(month.to())).query(Long.class).single());
                time("overdue analysis, company", () -> analysis.of(month, company, Locale.SIMPLIFIED_CHINESE).overdueNodes());
                time("overdue analysis, one station", () -> analysis.of(month, east.scope(), Locale.SIMPLIFIED_CHINESE).overdueNodes());
                time("score sheet, company", () -> scores.of(month, company, Locale.SIMPLIFIED_CHINESE).totalDeducted());
                time("leaderboard, company", () -> leaderboard.of(month, company, Locale.SIMPLIFIED_CHINESE).ranked());
            }
        } finally {
            jdbc.sql("delete from node_deadline where task_id like ?").param("bench-" + tag + "-%").update();
        }
    }

    private static void time(String what, Supplier<Object> query) {
        long start = System.nanoTime();
        Object result = query.get();
        System.out.printf("%-36s %6d ms  (%s)%n", what, (System.nanoTime() - start) / 1_000_000, result);
    }
}
