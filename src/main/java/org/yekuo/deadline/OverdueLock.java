package org.yekuo.deadline;

import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The red lock (R-SLA-4): a node whose deadline passed while it was neither done nor paused locks its order
 * — red from its deadline on — and the order stays locked, unable to be signed for or completed, until the
 * leader in charge approves a new deadline on the handler's delay explanation. Each step is a conditional
 * update of {@code node_deadline}, so across application nodes and restarts a node is locked, and unlocked,
 * once.
 */
@Component
class OverdueLock {

    // Matches a partial index of the unlocked open rows ordered by deadline (PostgreSQL, V81), so it reads the
    // rows due and no others however many nodes are open; DeadlineSweepPlanTests holds it to that.
    static final String DUE = """
            select id from node_deadline where escalated_at is null and completed_at is null and due_at < ?
               and paused_since is null order by due_at""";

    private final JdbcClient jdbc;

    OverdueLock(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Up to {@code max} nodes whose deadline passed before {@code now} and that nobody has locked yet. */
    List<Long> due(Instant now, int max) {
        return jdbc.sql(DUE + " limit " + max).param(DeadlineRows.ts(now)).query(Long.class).list();
    }

    /**
     * Locks an overdue node: escalated, locked, red from its deadline on (and yellow from its threshold, if the
     * sweep had not marked it yet). False when another node locked it first, or it was done or paused meanwhile.
     */
    boolean lock(long id, Instant now) {
        return jdbc.sql("""
                update node_deadline set escalated_at = ?, locked = true, turned_red_at = coalesce(turned_red_at, due_at),
                    turned_yellow_at = coalesce(turned_yellow_at, yellow_at)
                 where id = ? and escalated_at is null and completed_at is null and paused_since is null and due_at < ?""")
                .params(DeadlineRows.ts(now), id, DeadlineRows.ts(now)).update() == 1;
    }

    /** Lifts the lock with the approved deadline, so that the node's reminder and its lock can come again. */
    boolean unlock(long id, Instant dueAt, Instant yellowAt, Instant remindAt) {
        return jdbc.sql("""
                update node_deadline set locked = false, due_at = ?, yellow_at = ?, remind_at = ?, reminded_at = null,
                    escalated_at = null
                 where id = ? and locked = true""").params(DeadlineRows.ts(dueAt), DeadlineRows.ts(yellowAt),
                DeadlineRows.ts(remindAt), id).update() == 1;
    }

    /** Whether any node of the order is locked. */
    boolean holds(long orderId) {
        return jdbc.sql("select count(*) from node_deadline where order_id = ? and locked = true").param(orderId)
                .query(Long.class).single() > 0;
    }

    /**
     * Whether an open node of the order is locked, asked before a node of the order moves: it holds the order's nodes
     * until the caller's transaction ends. A lock of an overdue node then waits for a completion that asked first and
     * finds the node done, and a completion that asks after a lock waits for it and finds the order locked. Without
     * the hold both decided from what each had read before the other committed: the chaos run found nodes completed in
     * the moment they were locked, which left their orders locked with nothing open to explain (OverdueLockRaceTests).
     */
    boolean holdsForMove(long orderId) {
        // By the order's key alone, as DeadlineRows' look-ups (it holds the order's few closed nodes too).
        return jdbc.sql("select locked and completed_at is null from node_deadline where order_id = ? order by id for update")
                .param(orderId).query(Boolean.class).list().contains(Boolean.TRUE);
    }

    /** Whether a leader has lifted the node's lock before: it has been red once already, and is announced once. */
    boolean wasLiftedBefore(long id) {
        return jdbc.sql("select count(*) from delay_explanation where deadline_id = ? and status = 'APPROVED'").param(id)
                .query(Long.class).single() > 0;
    }
}
