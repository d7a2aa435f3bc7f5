package org.yekuo.deadline.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.yekuo.deadline.DeadlineBoard;
import org.yekuo.deadline.DeadlineSweep;
import org.yekuo.identity.CurrentUser;
import org.yekuo.identity.Role;

/**
 * Not a timed test: seeds 100,000 open node deadlines and reports how long the board, the colour counts
 * and the reminder sweep take against a plain indexed count on the same table in the same run, as
 * ratios that mean something on any machine. Tagged {@code benchmark}, so the default build leaves it
 * out; docs/performance.md says how to run it. Uses the real clock: the seeded rows are due around now
 * and are deleted afterwards (their SMS stay in the outbox's history). PostgreSQL only (generate_series).
 */
@Tag("benchmark")
@SpringBootTest
class BoardBenchmark {

    private static final int ROWS = Integer.getInteger("benchmark.rows", 100_000);
    private static final int REPEATS = 7;
    private static final String TYPE = "BENCH";

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DeadlineBoard board;

    @Autowired
    DeadlineSweep sweep;

    @Autowired
    Clock clock;

    @Test
    void boardAndSweepAgainstAPlainIndexedCount() throws IOException {
        jdbc.sql("delete from node_deadline where type_code = ?").param(TYPE).update();
        Instant now = clock.instant();
        String station = jdbc.sql("select path from org_unit where code = 'YK-EAST'").query(String.class).single();
        String company = jdbc.sql("select path from org_unit where kind = 'COMPANY'").query(String.class).single();
        long team = jdbc.sql("select org_unit_id from staff where username = 'surveyor'").query(Long.class).single();
        long seedStart = System.nanoTime();
        seed(now, station, company, team);
        double seedSeconds = (System.nanoTime() - seedStart) / 1e9;
        jdbc.sql("analyze node_deadline").update();

        CurrentUser companyUser = user(company);
        CurrentUser stationUser = user(station);
        Timestamp ts = Timestamp.from(now);
        List<String> report = new ArrayList<>();
        report.add(String.format(Locale.ROOT, "rows seeded: %d open node deadlines in %.1f s (%d in total in the table)", ROWS,
                seedSeconds, jdbc.sql("select count(*) from node_deadline").query(Long.class).single()));

        double count = median(() -> jdbc.sql("select count(*) from node_deadline where completed_at is null and due_at < ?")
                .param(ts).query(Long.class).single());
        double boardCompany = median(() -> board.search(companyUser, DeadlineBoard.Filter.none(), 0, 20));
        double boardStation = median(() -> board.search(stationUser, DeadlineBoard.Filter.none(), 0, 20));
        double boardRed = median(() -> board.search(stationUser,
                new DeadlineBoard.Filter(org.yekuo.deadline.Colour.RED, null, null, null, null), 0, 20));
        double counts = median(() -> board.counts(companyUser));
        long dueNow = jdbc.sql("select count(*) from node_deadline where type_code = ? and completed_at is null and remind_at <= ?")
                .params(TYPE, ts).query(Long.class).single();
        long sweepStart = System.nanoTime();
        DeadlineSweep.Result first = sweep.sweep();
        double sweepFirst = (System.nanoTime() - sweepStart) / 1e6;
        double sweepIdle = median(sweep::sweep);

        report.add(String.format(Locale.ROOT, "plain indexed count (open and overdue):       %8.2f ms  = 1.0", count));
        report.add(row("board page 1, company scope, no filter", boardCompany, count));
        report.add(row("board page 1, station scope, no filter", boardStation, count));
        report.add(row("board page 1, station scope, red only", boardRed, count));
        report.add(row("colour counts, company scope (workbench)", counts, count));
        report.add(row("sweep with nothing due (steady state)", sweepIdle, count));
        report.add(String.format(Locale.ROOT, "first sweep: %d yellow, %d reminded, %d overdue (%d rows had a reminder due) in %.0f ms,"
                + " %.2f ms per claimed row", first.turnedYellow(), first.reminded(), first.overdue(), dueNow, sweepFirst,
                sweepFirst / Math.max(1, first.turnedYellow() + first.reminded() + first.overdue())));
        report.add("plan of the reminder scan:");
        jdbc.sql("explain select id from node_deadline where reminded_at is null and completed_at is null and remind_at <= ?"
                + " and paused_since is null order by remind_at limit 200").param(ts).query(String.class).list()
                .forEach(line -> report.add("    " + line));

        report.forEach(System.out::println);
        Path file = Path.of("target", "benchmarks", "deadline-board.txt");
        Files.createDirectories(file.getParent());
        Files.write(file, report);

        assertThat(first.overdue()).isPositive();
        // The SMS stay in the outbox's history (the dispatcher may have sent them already); the rows go.
        assertThat(jdbc.sql("select count(*) from sms_outbox where business_ref like 'BN-%'").query(Long.class).single()).isPositive();
        jdbc.sql("delete from node_deadline where type_code = ?").param(TYPE).update();
    }

    /**
     * Open nodes spread over the company's stations and over time: one in a thousand overdue now, twice
     * as many with a reminder due, the rest due in the coming weeks.
     */
    private void seed(Instant now, String station, String company, long team) {
        jdbc.sql("""
                insert into node_deadline (order_id, order_no, type_code, type_version, node_code, task_id, roles, org_path,
                    handler, handler_org_unit_id, reached_at, due_at, yellow_at, remind_at, limit_unit)
                select -1000000000 - g, 'BN-' || g, 'BENCH', 1,
                    case g % 4 when 0 then 'SITE_SURVEY' when 1 then 'SCHEME_DESIGN' when 2 then 'SCHEME_REVIEW' else 'POWER_ON' end,
                    'bench-' || g, case g % 4 when 2 then 'REVIEWER_OPERATIONS' else 'SURVEYOR' end,
                    case g % 3 when 0 then ? else ? || (g % 7) || '/' end,
                    case when g % 5 = 0 then null else 'bench.nobody' end, ?,
                    ?::timestamptz - interval '2 days',
                    ?::timestamptz + ((g % 1000) - 1) * interval '1 hour',
                    ?::timestamptz + ((g % 1000) - 4) * interval '1 hour',
                    ?::timestamptz + ((g % 1000) - 2) * interval '1 hour',
                    'WORKING_DAYS'
                from generate_series(1, ?) g""")
                .params(station, company, team, Timestamp.from(now), Timestamp.from(now), Timestamp.from(now),
                        Timestamp.from(now), ROWS)
                .update();
    }

    private static String row(String what, double millis, double baseline) {
        return String.format(Locale.ROOT, "%-45s %8.2f ms  = %.1f x the count", what + ":", millis, millis / baseline);
    }

    /** The median of a few runs after one warm-up, in milliseconds. */
    private static double median(Supplier<?> work) {
        work.get();
        List<Double> times = new ArrayList<>();
        for (int i = 0; i < REPEATS; i++) {
            long start = System.nanoTime();
            work.get();
            times.add((System.nanoTime() - start) / 1e6);
        }
        Collections.sort(times);
        return times.get(REPEATS / 2);
    }

    private static CurrentUser user(String scopePath) {
        return new CurrentUser(0, "bench", "bench", 0, "bench", "bench", scopePath, scopePath, Set.of(Role.LEADER));
    }
}
