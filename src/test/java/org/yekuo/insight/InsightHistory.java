package org.yekuo.insight;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A small generated history with known properties, written as the deadline module writes its rows, under
 * supply stations made for the test (the database is shared by the suite, so each test reads its own
 * stations): design review of HV single-supply orders (10 working days) at a station that runs late in a
 * given share of cases, each node's time drawn evenly from the part of its window it used.
 */
final class InsightHistory {

    static final String TYPE = "HV_NEW_SINGLE";
    static final String NODE = "DESIGN_REVIEW";
    /** Every node of the history is given this window (the 10 working days, two weekends included). */
    static final Duration WINDOW = Duration.ofDays(14);
    private static final AtomicLong ORDERS = new AtomicLong(700_000_000L + System.nanoTime() % 100_000_000L);

    private final JdbcClient jdbc;
    private final Random random = new Random(23);

    InsightHistory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record Station(long id, String code, String path) {
    }

    /** A new supply station under the demo company. */
    Station station() {
        String code = "I-" + UUID.randomUUID().toString().substring(0, 8);
        long company = jdbc.sql("select id from org_unit where code = 'YK'").query(Long.class).single();
        String companyPath = jdbc.sql("select path from org_unit where id = ?").param(company).query(String.class).single();
        jdbc.sql("insert into org_unit (code, name_zh, name_en, kind, parent_id, path) values (?, ?, ?, 'STATION', ?, '/')")
                .params(code, "\u6d4b\u8bd5\u4f9b\u7535\u6240" + code, "Test station " + code, company).update();
        long id = jdbc.sql("select id from org_unit where code = ?").param(code).query(Long.class).single();
        String path = companyPath + id + "/";
        jdbc.sql("update org_unit set path = ? where id = ?").params(path, id).update();
        return new Station(id, code, path);
    }

    long unitId(String code) {
        return jdbc.sql("select id from org_unit where code = ?").param(code).query(Long.class).single();
    }

    /**
     * {@code count} design reviews finished in the last months at the station, {@code late} of them after
     * their deadline (red), the others after 10% to 90% of their window.
     */
    void finished(Station station, int count, int late, Instant now) {
        for (int i = 0; i < count; i++) {
            Instant reached = now.minus(Duration.ofDays(30 + random.nextInt(240)));
            Instant due = reached.plus(WINDOW);
            boolean isLate = i < late;
            Instant completed = isLate ? due.plus(Duration.ofHours(24 + random.nextInt(24 * 6)))
                    : reached.plusSeconds((long) (WINDOW.toSeconds() * (0.1 + 0.8 * random.nextDouble())));
            insert(newOrder(), station.path(), reached, due, completed, isLate ? due : null, null, null);
        }
    }

    /** An open design review at the station that has used {@code used} of its window; answers its deadline id. */
    long open(Station station, long orderId, double used, String handler, Long handlerUnit, Instant now) {
        Instant reached = now.minusSeconds((long) (WINDOW.toSeconds() * used));
        return insert(orderId, station.path(), reached, reached.plus(WINDOW), null, null, handler, handlerUnit);
    }

    /** One node of an order at the station, reached and (unless null) completed at these moments. */
    long node(Station station, long orderId, String nodeCode, String roles, Instant reached, Instant completed, String handler) {
        String task = UUID.randomUUID().toString();
        Instant due = reached.plus(Duration.ofDays(3));
        jdbc.sql("""
                insert into node_deadline (order_id, order_no, type_code, type_version, node_code, task_id, roles, org_path,
                    handler, reached_at, due_at, yellow_at, remind_at, completed_at, limit_unit)
                values (?, ?, 'LV_RES_NEW', 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'WORKING_DAYS')""")
                .params(orderId, "I" + orderId, nodeCode, task, roles, station.path(), handler, ts(reached), ts(due),
                        ts(due.minus(Duration.ofDays(1))), ts(due.minus(Duration.ofHours(12))), ts(completed))
                .update();
        return jdbc.sql("select id from node_deadline where task_id = ?").param(task).query(Long.class).single();
    }

    /** The order's bill of materials pushed to stock, confirmed by {@code clerk} an hour later and issued the next day. */
    void materials(Station station, long orderId, Instant pushed, String clerk) {
        jdbc.sql("""
                insert into stock_request (order_id, order_no, org_path, status, pushed_at, confirm_yellow_at, confirm_due_at,
                    alternative_yellow_at, alternative_due_at, checked_at, checked_by, reserved_at, issued_at, issued_by)
                values (?, ?, ?, 'ISSUED', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(orderId, "I" + orderId, station.path(), ts(pushed), ts(pushed.plus(Duration.ofHours(1))),
                        ts(pushed.plus(Duration.ofHours(2))), ts(pushed.plus(Duration.ofHours(3))), ts(pushed.plus(Duration.ofHours(4))),
                        ts(pushed.plus(Duration.ofHours(1))), clerk, ts(pushed.plus(Duration.ofHours(1))),
                        ts(pushed.plus(Duration.ofDays(1))), clerk)
                .update();
    }

    /**
     * A coordination question about the order to the station: asked by {@code asker}, escalated for want of an answer,
     * then answered by {@code answerer} and accepted.
     */
    void question(Station station, long orderId, Instant asked, String asker, String answerer) {
        long id = jdbc.sql("""
                insert into coordination_question (order_id, order_no, org_path, department_id, department_path, subject, status,
                    asked_by, asked_at, round_started_at, yellow_at, due_at, escalate_at, escalated_at, answered_by, answered_at,
                    closed_at)
                values (?, ?, ?, ?, ?, '表计位置确认', 'ACCEPTED', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id""")
                .params(orderId, "I" + orderId, station.path(), station.id(), station.path(), asker, ts(asked), ts(asked),
                        ts(asked.plus(Duration.ofHours(6))), ts(asked.plus(Duration.ofHours(8))), ts(asked.plus(Duration.ofHours(8))),
                        ts(asked.plus(Duration.ofHours(8))), answerer, ts(asked.plus(Duration.ofHours(9))),
                        ts(asked.plus(Duration.ofHours(10))))
                .query(Long.class).single();
        for (Object[] entry : new Object[][] {{"ASKED", asker, 0}, {"ANSWERED", answerer, 9}, {"ACCEPTED", asker, 10}}) {
            jdbc.sql("insert into coordination_entry (question_id, kind, body, author, written_at) values (?, ?, '-', ?, ?)")
                    .params(id, entry[0], entry[1], ts(asked.plus(Duration.ofHours((Integer) entry[2])))).update();
        }
    }

    static long newOrder() {
        return ORDERS.incrementAndGet();
    }

    private long insert(long orderId, String path, Instant reached, Instant due, Instant completed, Instant red, String handler,
            Long handlerUnit) {
        String task = UUID.randomUUID().toString();
        jdbc.sql("""
                insert into node_deadline (order_id, order_no, type_code, type_version, node_code, task_id, roles, org_path,
                    handler, handler_org_unit_id, reached_at, due_at, yellow_at, remind_at, completed_at, turned_yellow_at,
                    turned_red_at, limit_unit)
                values (?, ?, ?, 1, ?, ?, 'REVIEWER_OPERATIONS', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'WORKING_DAYS')""")
                .params(orderId, "I" + orderId, TYPE, NODE, task, path, handler, handlerUnit, ts(reached), ts(due),
                        ts(due.minus(Duration.ofDays(3))), ts(due.minus(Duration.ofDays(1))), ts(completed),
                        red == null ? null : ts(due.minus(Duration.ofDays(3))), ts(red))
                .update();
        return jdbc.sql("select id from node_deadline where task_id = ?").param(task).query(Long.class).single();
    }

    private static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
