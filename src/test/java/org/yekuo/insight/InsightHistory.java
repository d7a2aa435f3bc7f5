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
