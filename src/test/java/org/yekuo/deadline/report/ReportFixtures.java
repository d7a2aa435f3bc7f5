package org.yekuo.deadline.report;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.yekuo.deadline.DelayCategory;
import org.yekuo.identity.DataScope;

/**
 * Seeds deadline rows straight into the tables, as the deadline core would write them, under supply
 * stations made for the test: the database is shared by the suite, so each test reads only its own
 * stations' orders.
 */
final class ReportFixtures {

    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final AtomicLong ORDERS = new AtomicLong(System.nanoTime() % 1_000_000_000L);

    private final JdbcClient jdbc;

    ReportFixtures(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A new supply station under the demo company, with a unique code. */
    Station station() {
        String code = "T-" + UUID.randomUUID().toString().substring(0, 8);
        long company = jdbc.sql("select id from org_unit where code = 'YK'").query(Long.class).single();
        String companyPath = jdbc.sql("select path from org_unit where id = ?").param(company).query(String.class).single();
        jdbc.sql("insert into org_unit (code, name_zh, name_en, kind, parent_id, path) values (?, ?, ?, 'STATION', ?, '/')")
                .params(code, "\u6d4b\u8bd5\u4f9b\u7535\u6240 " + code, "Test station " + code, company).update();
        long id = jdbc.sql("select id from org_unit where code = ?").param(code).query(Long.class).single();
        String path = companyPath + id + "/";
        jdbc.sql("update org_unit set path = ? where id = ?").params(path, id).update();
        return new Station(id, code, path);
    }

    /** The demo org unit's path, e.g. of YK-EAST. */
    String pathOf(String code) {
        return jdbc.sql("select path from org_unit where code = ?").param(code).query(String.class).single();
    }

    static long newOrder() {
        return ORDERS.incrementAndGet();
    }

    /** A moment of a month: day and hour in the utility's zone. */
    static Instant at(YearMonth month, int day, int hour) {
        return LocalDateTime.of(month.getYear(), month.getMonth(), day, hour, 0).atZone(ZONE).toInstant();
    }

    Node node(long orderId, String nodeCode, String orgPath) {
        return new Node(orderId, nodeCode, orgPath);
    }

    long explain(long deadlineId, DelayCategory category, String status) {
        Node.Row row = jdbc.sql("select order_id, node_code from node_deadline where id = ?").param(deadlineId)
                .query((rs, n) -> new Node.Row(rs.getLong(1), rs.getString(2))).single();
        jdbc.sql("""
                insert into delay_explanation (deadline_id, order_id, node_code, category, explanation, filed_by, filed_at, status)
                values (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(deadlineId, row.orderId(), row.nodeCode(), category.name(), "test", "surveyor",
                        Timestamp.from(Instant.now()), status)
                .update();
        return jdbc.sql("select max(id) from delay_explanation where deadline_id = ?").param(deadlineId).query(Long.class).single();
    }

    record Station(long id, String code, String path) {

        DataScope scope() {
            return new DataScope(path);
        }

        /** The path of a team of the station, as an order accepted at its counter carries. */
        String team() {
            return path + "999/";
        }
    }

    /** A node_deadline row to be written: reached, due, and what became of it. */
    final class Node {

        private final long orderId;
        private final String nodeCode;
        private final String orgPath;
        private String roles;
        private String handler;
        private Instant due = Instant.parse("2090-01-01T00:00:00Z");
        private Instant completed;
        private Instant yellow;
        private Instant red;
        private String taskId = UUID.randomUUID().toString();

        private Node(long orderId, String nodeCode, String orgPath) {
            this.orderId = orderId;
            this.nodeCode = nodeCode;
            this.orgPath = orgPath;
            this.roles = "SURVEYOR";
        }

        Node roles(String value) {
            roles = value;
            return this;
        }

        Node handler(String value) {
            handler = value;
            return this;
        }

        Node due(Instant value) {
            due = value;
            return this;
        }

        Node completed(Instant value) {
            completed = value;
            return this;
        }

        Node yellow(Instant value) {
            yellow = value;
            return this;
        }

        Node red(Instant value) {
            red = value;
            return this;
        }

        Node task(String value) {
            taskId = value;
            return this;
        }

        /** Writes the row and answers its id. */
        long save() {
            Instant reached = due.minus(Duration.ofDays(5));
            jdbc.sql("""
                    insert into node_deadline (order_id, order_no, type_code, node_code, task_id, roles, org_path, handler,
                        handler_org_unit_id, reached_at, due_at, yellow_at, remind_at, completed_at, turned_yellow_at,
                        turned_red_at, locked)
                    values (?, ?, 'LV_RESIDENTIAL', ?, ?, ?, ?, ?, null, ?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(orderId, "T" + orderId, nodeCode, taskId, roles, orgPath, handler, ts(reached), ts(due),
                            ts(due.minus(Duration.ofDays(3))), ts(due.minus(Duration.ofDays(1))), ts(completed), ts(yellow),
                            ts(red), red != null && completed == null)
                    .update();
            return jdbc.sql("select id from node_deadline where task_id = ?").param(taskId).query(Long.class).single();
        }

        private record Row(long orderId, String nodeCode) {
        }
    }

    private static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
