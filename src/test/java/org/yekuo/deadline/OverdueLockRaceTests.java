package org.yekuo.deadline;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import org.yekuo.workflow.OrderLocks;

/**
 * The sweep locking an overdue node while its handler completes it (R-SLA-4, R-X-4). The chaos run found nodes both
 * completed and locked: the completion had asked whether the order was locked before the sweep's lock committed, and
 * went on; the order then stayed locked with no open node to explain. Now the question holds the order's nodes until
 * the completion commits, and the sweep's lock waits for it and finds the node done.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
@Import(DeadlineTestClock.class)
class OverdueLockRaceTests {

    @Autowired
    OrderLocks locks;

    @Autowired
    DeadlineSweep sweep;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    @Test
    @DisplayName("R-SLA-4 R-X-4 a node completed while the sweep locks it ends completed or locked, never both")
    void completionThatAskedFirstIsNotLockedBehindItsBack() throws Exception {
        DeadlineTestClock.CLOCK.set(LocalDateTime.of(2026, 6, 1, 9, 0));
        long orderId = -ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
        String orderNo = "RACE-" + ThreadLocalRandom.current().nextInt(1_000_000, 9_999_999);
        String stationPath = jdbc.sql("select p.path from staff s join org_unit o on o.id = s.org_unit_id"
                + " join org_unit p on p.id = o.parent_id where s.username = 'surveyor'").query(String.class).single();
        // Overdue since Friday night; yellow and reminded already, so that locking it is all the sweep has to do.
        long id = jdbc.sql("""
                insert into node_deadline (order_id, order_no, type_code, type_version, node_code, task_id, roles, org_path,
                    reached_at, due_at, yellow_at, remind_at, turned_yellow_at, reminded_at, limit_unit)
                values (?, ?, 'LV_RES_NEW', 1, 'SITE_SURVEY', ?, 'SURVEYOR', ?, ?, ?, ?, ?, ?, ?, 'WORKING_DAYS') returning id""")
                .params(orderId, orderNo, orderNo + "-task", stationPath, ts(LocalDateTime.of(2026, 5, 25, 9, 0)),
                        ts(LocalDateTime.of(2026, 5, 29, 23, 59, 59)), ts(LocalDateTime.of(2026, 5, 26, 23, 59, 59)),
                        ts(LocalDateTime.of(2026, 5, 28, 23, 59, 59)), ts(LocalDateTime.of(2026, 5, 27, 0, 0)),
                        ts(LocalDateTime.of(2026, 5, 29, 0, 0)))
                .query(Long.class).single();

        CountDownLatch asked = new CountDownLatch(1);
        ExecutorService handler = Executors.newSingleThreadExecutor();
        try {
            // The handler's completion, as the engine runs it: ask about the lock, then close the node, in one transaction.
            Future<Boolean> completion = handler.submit(() -> transactions.execute(status -> {
                boolean locked = locks.isLocked(orderId);
                asked.countDown();
                if (!locked) {
                    awaitSweepWaitingForTheNode();
                    jdbc.sql("update node_deadline set completed_at = ? where id = ?")
                            .params(ts(LocalDateTime.of(2026, 6, 1, 9, 0)), id).update();
                }
                return locked;
            }));
            assertThat(asked.await(60, TimeUnit.SECONDS)).isTrue();
            sweep.sweep();
            assertThat(completion.get(120, TimeUnit.SECONDS)).as("locked when the handler asked").isFalse();
        } finally {
            handler.shutdownNow();
        }

        Map<String, Object> row = jdbc.sql("select locked, completed_at, escalated_at from node_deadline where id = ?").param(id)
                .query().singleRow();
        assertThat(row.get("completed_at")).isNotNull();
        assertThat(row.get("locked")).as("completed and locked").isEqualTo(false);
        assertThat(row.get("escalated_at")).isNull();
        assertThat(jdbc.sql("select count(*) from audit_record where subject_id = ? and action = 'deadline.overdue'").param(orderNo)
                .query(Long.class).single()).isZero();
    }

    /**
     * Gives the sweep the moment to try to lock the node: until its update waits for this transaction, or a few
     * seconds when it does not wait (as before, when it locked the node at once).
     */
    private void awaitSweepWaitingForTheNode() {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < until) {
            long waiting = jdbc.sql("select count(*) from pg_stat_activity where wait_event_type = 'Lock'"
                    + " and query like '%update node_deadline set escalated_at%'").query(Long.class).single();
            if (waiting > 0) {
                return;
            }
            try {
                Thread.sleep(50); // polling PostgreSQL for the other transaction's wait
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static Timestamp ts(LocalDateTime local) {
        return Timestamp.from(local.atZone(MovableClock.ZONE).toInstant());
    }
}
