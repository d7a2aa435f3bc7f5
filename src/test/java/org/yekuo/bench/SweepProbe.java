package org.yekuo.bench;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The deadline sweep's cost as the number of open nodes grows (5,000, 50,000, 500,000) while the number
 * due stays the same: it must grow with the number due, not the number open. Open nodes are added to
 * node_deadline inside a transaction that is rolled back, so the database is left as it was.
 */
final class SweepProbe {

    static final String SECTION = "deadline sweep";
    static final int DUE = 500;

    /**
     * One way to find (and, once the deadline module has its sweep, send) the reminders due at
     * {@code now}; runs inside the probe's transaction and answers how many it found.
     */
    @FunctionalInterface
    interface Sweep {
        long run(ApplicationContext context, JdbcClient jdbc, Instant now);
    }

    /**
     * The query the sweep rests on, through V60's (completed_at, remind_at) index. The deadline core's own
     * sweep is registered next to it by name when it exists.
     */
    static final Map<String, Sweep> SWEEPS = new LinkedHashMap<>(Map.of("reminders due (indexed query)",
            (context, jdbc, now) -> jdbc.sql("select count(*) from node_deadline where completed_at is null "
                    + "and remind_at <= ? and reminded_at is null").param(Timestamp.from(now)).query(Long.class).single()));

    private final ApplicationContext context;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Clock clock;

    SweepProbe(ApplicationContext context, BenchDatabase db) {
        this.context = context;
        this.jdbc = context.getBean(JdbcClient.class);
        this.transactions = new TransactionTemplate(context.getBean(org.springframework.transaction.PlatformTransactionManager.class));
        this.clock = context.getBean(Clock.class);
    }

    void measure(Results results) {
        Instant now = clock.instant();
        long open = jdbc.sql("select count(*) from node_deadline where completed_at is null").query(Long.class).single();
        results.add(SECTION, "open nodes in the generated data", (double) open, "nodes", null, null);
        for (int target : new int[] {5_000, 50_000, 500_000}) {
            transactions.executeWithoutResult(tx -> {
                long present = jdbc.sql("select count(*) from node_deadline where completed_at is null").query(Long.class).single();
                // Bring the open nodes to the target with DUE of them due for a reminder now and the rest later.
                jdbc.sql("update node_deadline set reminded_at = ? where completed_at is null and remind_at <= ? and reminded_at is null")
                        .params(Timestamp.from(now), Timestamp.from(now)).update();
                long add = Math.max(DUE, target - present);
                jdbc.sql("""
                        insert into node_deadline (order_id, order_no, type_code, node_code, task_id, roles, org_path,
                            reached_at, due_at, yellow_at, remind_at)
                        select -g, 'PROBE', 'LV_RES_NEW', 'SITE_SURVEY', 'probe-' || g, 'SURVEYOR', '/1/',
                            cast(? as timestamptz), cast(? as timestamptz) + g * interval '1 second',
                            cast(? as timestamptz) + g * interval '1 second',
                            case when g <= ? then cast(? as timestamptz) - g * interval '1 second'
                                else cast(? as timestamptz) + g * interval '1 second' end
                        from generate_series(1, ?) g""")
                        .params(Timestamp.from(now.minus(Duration.ofDays(3))), Timestamp.from(now.plus(Duration.ofDays(2))),
                                Timestamp.from(now.plus(Duration.ofDays(1))), DUE, Timestamp.from(now),
                                Timestamp.from(now.plus(Duration.ofHours(1))), add)
                        .update();
                jdbc.sql("analyze node_deadline").update();
                long openNow = present + add;
                for (var sweep : SWEEPS.entrySet()) {
                    List<Double> millis = new ArrayList<>();
                    long found = 0;
                    for (int i = 0; i < 7; i++) {
                        long start = System.nanoTime();
                        found = sweep.getValue().run(context, jdbc, now);
                        millis.add((System.nanoTime() - start) / 1e6);
                    }
                    millis.sort(Double::compare);
                    results.add(SECTION, sweep.getKey() + " @ " + openNow + " open", millis.get(millis.size() / 2), "ms", null,
                            found + " due; median of 7");
                }
                // A plain primary-key look-up in the same transaction: the noise floor of this run.
                long start = System.nanoTime();
                for (int i = 0; i < 7; i++) {
                    jdbc.sql("select count(*) from node_deadline where task_id = ?").param("probe-" + (i + 1)).query(Long.class).single();
                }
                results.add(SECTION, "baseline indexed look-up @ " + openNow + " open", (System.nanoTime() - start) / 7e6, "ms", null,
                        "mean of 7");
                tx.setRollbackOnly();
            });
        }
    }
}
