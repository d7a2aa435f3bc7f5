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
import org.yekuo.deadline.DeadlineSweep;
import org.yekuo.deadline.SweepScans;

/**
 * The deadline sweep's cost as the number of open nodes grows (5,000, 50,000, 500,000) while the number
 * due stays the same: it must grow with the number due, not the number open. Open nodes are added to
 * node_deadline (or, below what the history holds open, closed) inside a transaction that is rolled back, so
 * the database is left as it was; the real sweep's own per-row transactions join it (and each timed run is
 * rolled back to a savepoint).
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
     * The query the reminders rest on (V61's claim index), and the deadline module's real sweep: it finds
     * every yellow, reminder and overdue row due, claims each in its own step, sends its SMS and audits it.
     */
    static final Map<String, Sweep> SWEEPS = new LinkedHashMap<>();

    /** The reminders the sweep finds, as its scan asks for them (oldest first), up to the probe's due count. */
    private static final String REMINDERS_DUE = SweepScans.DUE_FOR_REMINDER + " limit " + DUE;

    static {
        SWEEPS.put("reminders due (indexed query)", (context, jdbc, now) -> (long) jdbc.sql(REMINDERS_DUE).param(Timestamp.from(now))
                .query(Long.class).list().size());
        SWEEPS.put("DeadlineSweep.sweep() (finds and sends)", (context, jdbc, now) -> {
            DeadlineSweep.Result result = context.getBean(DeadlineSweep.class).sweep();
            return result.turnedYellow() + result.reminded() + result.overdue();
        });
    }

    static final int RUNS = 5;

    private final ApplicationContext context;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final TransactionTemplate nested;
    private final Clock clock;

    private final int[] openNodes;
    private final int due;
    /** The reminders query's plan at each size, written next to the results. */
    final List<String> plans = new ArrayList<>();

    SweepProbe(ApplicationContext context, BenchDatabase db, int[] openNodes, int due) {
        this.openNodes = openNodes;
        this.due = due;
        this.context = context;
        this.jdbc = context.getBean(JdbcClient.class);
        var manager = context.getBean(org.springframework.transaction.PlatformTransactionManager.class);
        this.transactions = new TransactionTemplate(manager);
        this.nested = new TransactionTemplate(manager);
        this.nested.setPropagationBehavior(org.springframework.transaction.TransactionDefinition.PROPAGATION_NESTED);
        this.clock = context.getBean(Clock.class);
    }

    void measure(Results results) {
        Instant now = clock.instant();
        long open = jdbc.sql("select count(*) from node_deadline where completed_at is null").query(Long.class).single();
        results.add(SECTION, "open nodes in the generated data", (double) open, "nodes", null, null);
        // Whatever the generated data has due by now counts as handled, as the product's sweep would have left it.
        // Committed rather than done in the probe's transaction: rows the probe's own transaction had updated stay
        // in the claim indexes until it ends, and every scan would step over all of them.
        transactions.executeWithoutResult(tx -> {
            for (String[] claim : new String[][] {{"reminded_at", "remind_at"}, {"turned_yellow_at", "yellow_at"},
                    {"escalated_at", "due_at"}}) {
                jdbc.sql("update node_deadline set " + claim[0] + " = ? where " + claim[0] + " is null and completed_at is null and "
                        + claim[1] + " <= ?").params(Timestamp.from(now), Timestamp.from(now)).update();
            }
        });
        jdbc.sql("vacuum analyze node_deadline").update();
        for (int target : openNodes) {
            transactions.executeWithoutResult(tx -> {
                long present = jdbc.sql("select count(*) from node_deadline where completed_at is null").query(Long.class).single();
                // Bring the open nodes to the target with `due` of them due for a reminder now and the rest later. A
                // target below what the history holds open closes the surplus here (rolled back with the rest): rows none
                // of whose thresholds has come, so the old versions the update leaves in the sweep's indexes lie beyond
                // what any of its scans reads.
                long add = Math.max(due, target - present);
                long close = Math.max(0, present + add - target);
                long closed = close == 0 ? 0 : jdbc.sql("""
                        update node_deadline set completed_at = ? where id in (select id from node_deadline
                            where completed_at is null and yellow_at > ? and remind_at > ? and due_at > ? limit ?)""")
                        .params(Timestamp.from(now), Timestamp.from(now), Timestamp.from(now), Timestamp.from(now), close).update();
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
                                Timestamp.from(now.plus(Duration.ofDays(1))), due, Timestamp.from(now),
                                Timestamp.from(now.plus(Duration.ofHours(1))), add)
                        .update();
                jdbc.sql("analyze node_deadline").update();
                long openNow = present - closed + add;
                plans.add("== reminders due @ " + openNow + " open ==");
                plans.addAll(jdbc.sql("explain " + REMINDERS_DUE).param(Timestamp.from(now)).query(String.class).list());
                for (String sweepQuery : SweepScans.batches(context)) {
                    plans.add("-- " + sweepQuery);
                    plans.addAll(jdbc.sql("explain analyze " + sweepQuery).param(Timestamp.from(now)).query(String.class).list());
                }
                for (var sweep : SWEEPS.entrySet()) {
                    List<Double> millis = new ArrayList<>();
                    long found = 0;
                    // One untimed run first: the first size would otherwise carry the compilation of the sweep's code.
                    for (int i = -1; i < RUNS; i++) {
                        // Each run from the same state: a sweep claims what it sends, so it is rolled back to a savepoint.
                        long[] run = nested.execute(status -> {
                            long start = System.nanoTime();
                            long n = sweep.getValue().run(context, jdbc, now);
                            long took = System.nanoTime() - start;
                            status.setRollbackOnly();
                            return new long[] {n, took};
                        });
                        found = run[0];
                        if (i >= 0) {
                            millis.add(run[1] / 1e6);
                        }
                    }
                    millis.sort(Double::compare);
                    results.add(SECTION, sweep.getKey() + " @ " + openNow + " open", millis.get(millis.size() / 2), "ms", null,
                            found + " due; median of " + RUNS);
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
