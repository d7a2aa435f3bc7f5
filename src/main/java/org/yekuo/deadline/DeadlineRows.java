package org.yekuo.deadline;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.yekuo.catalogue.LimitUnit;
import org.springframework.stereotype.Component;

/**
 * The {@code node_deadline} table. Every change the sweep makes is a conditional update that claims
 * the row ("still unclaimed, still open"), so whichever application node gets there first does the
 * work and the others find nothing to do.
 */
@Component
class DeadlineRows {

    private final JdbcClient jdbc;
    private final Clock clock;

    DeadlineRows(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    record NewRow(long orderId, String orderNo, String typeCode, int typeVersion, String nodeCode, String taskId,
            Collection<String> roles, String orgPath, Instant reachedAt, Instant dueAt, Instant yellowAt, Instant remindAt,
            String limitUnit) {
    }

    void insert(NewRow row) {
        jdbc.sql("""
                insert into node_deadline (order_id, order_no, type_code, type_version, node_code, task_id, roles, org_path,
                    reached_at, due_at, yellow_at, remind_at, limit_unit)
                values (:orderId, :orderNo, :typeCode, :typeVersion, :nodeCode, :taskId, :roles, :orgPath,
                    :reachedAt, :dueAt, :yellowAt, :remindAt, :limitUnit)""")
                .param("orderId", row.orderId()).param("orderNo", row.orderNo()).param("typeCode", row.typeCode())
                .param("typeVersion", row.typeVersion()).param("nodeCode", row.nodeCode()).param("taskId", row.taskId())
                .param("roles", String.join(",", row.roles().stream().sorted().toList())).param("orgPath", row.orgPath())
                .param("reachedAt", ts(row.reachedAt())).param("dueAt", ts(row.dueAt())).param("yellowAt", ts(row.yellowAt()))
                .param("remindAt", ts(row.remindAt())).param("limitUnit", row.limitUnit())
                .update();
    }

    Optional<NodeDeadline> find(long id) {
        return jdbc.sql("select * from node_deadline where id = ?").param(id).query(this::row).optional();
    }

    /*
     * Look-ups by task or order leave "completed_at is null" out of their where clause and keep the open rows
     * themselves. Named there, it lets PostgreSQL answer from a partial index of open rows (V81, V83) instead of
     * the task's or the order's key, and it does whenever its statistics say hardly any node is open: after a bulk
     * load of finished history they say none is, every such index looks empty, and each look-up read all open rows
     * (80 ms and 35,000 buffers per node completion with 47,000 open; docs/performance.md).
     */

    /** Every node of these orders, oldest first: the orders' index and nothing else. */
    static final String OF_ORDERS = "select * from node_deadline where order_id in (:ids) order by reached_at, id";

    /** Closes the node found by its task's key; a node closed before keeps its time. */
    static final String COMPLETE = "update node_deadline set completed_at = coalesce(completed_at, :at) where task_id = :task";

    List<NodeDeadline> ofOrder(long orderId) {
        return ofOrders(List.of(orderId));
    }

    List<NodeDeadline> openOfOrder(long orderId) {
        return openOfOrders(List.of(orderId));
    }

    List<NodeDeadline> openOfOrders(Collection<Long> orderIds) {
        return ofOrders(orderIds).stream().filter(NodeDeadline::open).toList();
    }

    private List<NodeDeadline> ofOrders(Collection<Long> orderIds) {
        if (orderIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql(OF_ORDERS).param("ids", orderIds).query(this::row).list();
    }

    List<NodeDeadline> ofTasks(Collection<String> taskIds) {
        if (taskIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select * from node_deadline where task_id in (:ids)").param("ids", taskIds).query(this::row).list();
    }

    /** Records the handler; the first sign-for's time stays (a hand-over later does not restart the work). */
    void signedFor(String taskId, String handler, long handlerOrgUnitId, Instant at) {
        jdbc.sql("update node_deadline set handler = ?, handler_org_unit_id = ?, signed_at = coalesce(signed_at, ?) where task_id = ?")
                .params(handler, handlerOrgUnitId, ts(at), taskId).update();
    }

    /** Closes the node; a withdrawn order's nodes are closed as cancelled. */
    void completed(String taskId, Instant at) {
        jdbc.sql(COMPLETE).param("at", ts(at)).param("task", taskId).update();
    }

    int cancelled(long orderId, Instant at) {
        return jdbc.sql("""
                update node_deadline set completed_at = ?, cancelled = true, locked = false, paused_since = null
                 where order_id = ? and completed_at is null""").params(ts(at), orderId).update();
    }

    int pause(long orderId, Instant at) {
        return jdbc.sql("update node_deadline set paused_since = ? where order_id = ? and completed_at is null and paused_since is null")
                .params(ts(at), orderId).update();
    }

    void pauseStarted(long orderId, String nodeCode, String reason, Instant at) {
        jdbc.sql("insert into clock_pause (order_id, node_code, reason, paused_at) values (?, ?, ?, ?)")
                .params(orderId, nodeCode, reason == null || reason.length() <= 400 ? reason : reason.substring(0, 400), ts(at))
                .update();
    }

    void pauseEnded(long orderId, Instant at) {
        jdbc.sql("update clock_pause set resumed_at = ? where order_id = ? and resumed_at is null").params(ts(at), orderId).update();
    }

    List<ClockPause> pausesOf(long orderId) {
        return jdbc.sql("select node_code, reason, paused_at, resumed_at from clock_pause where order_id = ? order by paused_at, id")
                .param(orderId).query((rs, n) -> new ClockPause(rs.getString("node_code"), rs.getString("reason"),
                        instant(rs, "paused_at"), instant(rs, "resumed_at"))).list();
    }

    /** Ends a node's pause with its moved deadline; false when another call ended it first. */
    boolean resume(long id, Instant pausedSince, long pausedSeconds, Instant dueAt, Instant yellowAt, Instant remindAt) {
        return jdbc.sql("""
                update node_deadline set paused_since = null, paused_seconds = paused_seconds + :seconds,
                    due_at = :dueAt, yellow_at = :yellowAt, remind_at = :remindAt,
                    reminded_at = case when :remindAt > :now then null else reminded_at end
                 where id = :id and paused_since = :pausedSince""")
                .param("seconds", pausedSeconds).param("dueAt", ts(dueAt)).param("yellowAt", ts(yellowAt))
                .param("remindAt", ts(remindAt)).param("now", ts(clock.instant())).param("id", id)
                .param("pausedSince", ts(pausedSince)).update() == 1;
    }

    // --- the sweep: ids of rows whose threshold passed and that nobody claimed yet, then one claim each

    // Each scan matches a partial index of the unclaimed open rows ordered by its threshold (PostgreSQL, V81), so it
    // reads the rows due and no others however many nodes are open; DeadlineSweepPlanTests holds them to it. The
    // overdue nodes are OverdueLock's.
    static final String DUE_TO_TURN_YELLOW = """
            select id from node_deadline where turned_yellow_at is null and completed_at is null and yellow_at <= ?
               and paused_since is null order by yellow_at""";
    static final String DUE_FOR_REMINDER = """
            select id from node_deadline where reminded_at is null and completed_at is null and remind_at <= ?
               and remind_at > reached_at and paused_since is null order by remind_at""";

    List<Long> dueToTurnYellow(Instant now, int max) {
        return ids(DUE_TO_TURN_YELLOW, now, max);
    }

    boolean claimYellow(long id, Instant now) {
        return jdbc.sql("""
                update node_deadline set turned_yellow_at = yellow_at
                 where id = ? and turned_yellow_at is null and completed_at is null and paused_since is null and yellow_at <= ?""")
                .params(id, ts(now)).update() == 1;
    }

    List<Long> dueForReminder(Instant now, int max) {
        return ids(DUE_FOR_REMINDER, now, max);
    }

    boolean claimReminder(long id, Instant now) {
        return jdbc.sql("""
                update node_deadline set reminded_at = ?
                 where id = ? and reminded_at is null and completed_at is null and paused_since is null and remind_at <= ?
                   and remind_at > reached_at""")
                .params(ts(now), id, ts(now)).update() == 1;
    }

    private List<Long> ids(String sql, Instant now, int max) {
        return jdbc.sql(sql + " limit " + max).param(ts(now)).query(Long.class).list();
    }

    static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }

    NodeDeadline row(ResultSet rs, int n) throws SQLException {
        Instant yellowAt = instant(rs, "yellow_at");
        Instant dueAt = instant(rs, "due_at");
        Instant completedAt = instant(rs, "completed_at");
        Instant pausedSince = instant(rs, "paused_since");
        boolean locked = rs.getBoolean("locked");
        Colour colour = ThreeColourRule.colour(locked, completedAt, pausedSince, yellowAt, dueAt, clock.instant());
        String unit = rs.getString("limit_unit");
        return new NodeDeadline(rs.getLong("id"), rs.getLong("order_id"), rs.getString("order_no"), rs.getString("type_code"),
                rs.getInt("type_version"), unit == null ? LimitUnit.WORKING_DAYS : LimitUnit.valueOf(unit), rs.getString("node_code"), rs.getString("task_id"),
                new LinkedHashSet<>(Arrays.stream(rs.getString("roles").split(",")).filter(r -> !r.isBlank()).toList()),
                rs.getString("org_path"), rs.getString("handler"), rs.getObject("handler_org_unit_id", Long.class),
                instant(rs, "signed_at"), instant(rs, "reached_at"), dueAt, yellowAt, instant(rs, "remind_at"), completedAt, pausedSince,
                rs.getLong("paused_seconds"), instant(rs, "reminded_at"), instant(rs, "escalated_at"),
                instant(rs, "turned_yellow_at"), instant(rs, "turned_red_at"), locked, rs.getBoolean("cancelled"), colour);
    }
}
