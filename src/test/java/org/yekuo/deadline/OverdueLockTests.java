package org.yekuo.deadline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;

/**
 * The red lock on its own table. Each test runs in a transaction that is rolled back, and its node lies in
 * the year 2000, so neither the running sweep nor other tests see it.
 */
@SpringBootTest
@AutoConfigureMockMvc
@Transactional
class OverdueLockTests {

    private static final Instant REACHED = Instant.parse("2000-01-03T01:00:00Z");
    private static final Instant DUE = Instant.parse("2000-01-05T15:59:59Z");
    private static final Instant AFTER = DUE.plus(Duration.ofHours(1));

    @Autowired
    OverdueLock lock;
    @Autowired
    DeadlineRows rows;
    @Autowired
    JdbcClient jdbc;

    @Test
    @DisplayName("R-SLA-4 a node whose deadline passed locks its order once, red from its deadline")
    void overdueNodeLocksItsOrderOnce() {
        long orderId = -System.nanoTime();
        long id = node(orderId);
        assertThat(lock.due(DUE, 10)).doesNotContain(id);
        assertThat(lock.due(AFTER, 10)).contains(id);

        assertThat(lock.lock(id, AFTER)).isTrue();
        assertThat(lock.holds(orderId)).isTrue();
        assertThat(rows.find(id).orElseThrow().turnedRedAt()).isEqualTo(DUE);
        // Another application node, or the next round, finds nothing left to lock.
        assertThat(lock.lock(id, AFTER.plusSeconds(60))).isFalse();
        assertThat(lock.due(AFTER, 10)).doesNotContain(id);
    }

    @Test
    @DisplayName("R-SLA-4 a paused node does not lock: its clock stands still while the order waits for the customer")
    void pausedNodeDoesNotLock() {
        long orderId = -System.nanoTime();
        long id = node(orderId);
        rows.pause(orderId, DUE.minusSeconds(3600));
        assertThat(lock.due(AFTER, 10)).doesNotContain(id);
        assertThat(lock.lock(id, AFTER)).isFalse();
        assertThat(lock.holds(orderId)).isFalse();
    }

    @Test
    @DisplayName("R-SLA-4 the approved new deadline lifts the lock once, and the node locks again if it misses that one")
    void newDeadlineLiftsTheLock() {
        long orderId = -System.nanoTime();
        long id = node(orderId);
        lock.lock(id, AFTER);
        Instant newDue = DUE.plus(Duration.ofDays(7));

        assertThat(lock.unlock(id, newDue, newDue.minus(Duration.ofDays(3)), newDue.minus(Duration.ofDays(1)))).isTrue();
        assertThat(lock.holds(orderId)).isFalse();
        assertThat(lock.unlock(id, newDue, newDue, newDue)).isFalse();

        assertThat(lock.lock(id, AFTER)).isFalse();
        assertThat(lock.lock(id, newDue.plusSeconds(1))).isTrue();
        assertThat(lock.holds(orderId)).isTrue();
    }

    private long node(long orderId) {
        String taskId = "lock-" + UUID.randomUUID();
        rows.insert(new DeadlineRows.NewRow(orderId, "YK-2000-000001", "LV_RES_NEW", 1, "SITE_SURVEY", taskId, List.of("SURVEYOR"),
                "/1/", REACHED, DUE, DUE.minus(Duration.ofDays(2)), DUE.minus(Duration.ofDays(1)), "WORKING_DAYS"));
        return jdbc.sql("select id from node_deadline where task_id = ?").param(taskId).query(Long.class).single();
    }
}
