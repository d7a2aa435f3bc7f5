package org.yekuo.deadline;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.yekuo.identity.CurrentUser;
import org.yekuo.shared.Paging;

/**
 * The board of open nodes in the reader's org scope by colour, node, department (the role a node
 * waits for) and handler, with the counts by colour (R-SLA-4). Both come straight from indexed SQL over
 * {@code node_deadline}; no order is loaded to find its colour.
 */
@Service
@Transactional(readOnly = true)
public class DeadlineBoard {

    private static final String RED = ThreeColourRule.sqlPredicate(Colour.RED, ":now");
    private static final String YELLOW = ThreeColourRule.sqlPredicate(Colour.YELLOW, ":now");
    private static final String GREEN = ThreeColourRule.sqlPredicate(Colour.GREEN, ":now");

    private final JdbcClient jdbc;
    private final DeadlineRows rows;
    private final Clock clock;

    DeadlineBoard(JdbcClient jdbc, DeadlineRows rows, Clock clock) {
        this.jdbc = jdbc;
        this.rows = rows;
        this.clock = clock;
    }

    /** What to show: each filter is optional (null or blank shows all). {@code role} is the department's role. */
    public record Filter(Colour colour, String nodeCode, String role, String handler, String orderNo) {

        public static Filter none() {
            return new Filter(null, null, null, null, null);
        }
    }

    public record Counts(long green, long yellow, long red) {

        public long total() {
            return green + yellow + red;
        }
    }

    public record Page(List<NodeDeadline> nodes, long total, Counts counts, int page, int size) {

        public int pages() {
            return Paging.pages(total, size);
        }
    }

    /** One page of open nodes, the most urgent first, with the counts by colour under the same filter. */
    public Page search(CurrentUser user, Filter filter, int page, int size) {
        Paging.check(page, size);
        Map<String, Object> params = new HashMap<>();
        String where = where(user, filter, params);
        String byColour = filter.colour() == null ? "" : " and " + ThreeColourRule.sqlPredicate(filter.colour(), ":now");
        List<NodeDeadline> nodes = jdbc.sql("select * from node_deadline where " + where + byColour
                + " order by due_at, id limit " + size + " offset " + Paging.offset(page, size)).params(params).query(rows::row)
                .list();
        Counts counts = counts(where, params);
        long total = filter.colour() == null ? counts.total() : switch (filter.colour()) {
            case RED -> counts.red();
            case YELLOW -> counts.yellow();
            case GREEN -> counts.green();
        };
        return new Page(nodes, total, counts, page, size);
    }

    /** The open nodes in the reader's scope by colour, for the workbench. */
    public Counts counts(CurrentUser user) {
        Map<String, Object> params = new HashMap<>();
        return counts(where(user, Filter.none(), params), params);
    }

    /** Every open node of the company by colour, for the operations dashboard (no reader, no scope). */
    public Counts companyCounts() {
        return counts("completed_at is null", Map.of("now", DeadlineRows.ts(clock.instant())));
    }

    private Counts counts(String where, Map<String, Object> params) {
        return jdbc.sql("select sum(case when " + GREEN + " then 1 else 0 end) as green, sum(case when " + YELLOW
                + " then 1 else 0 end) as yellow, sum(case when " + RED + " then 1 else 0 end) as red from node_deadline where "
                + where).params(params)
                .query((rs, n) -> new Counts(rs.getLong("green"), rs.getLong("yellow"), rs.getLong("red"))).single();
    }

    private String where(CurrentUser user, Filter filter, Map<String, Object> params) {
        StringBuilder where = new StringBuilder("completed_at is null and org_path like :scope");
        params.put("scope", user.scope().likePattern());
        params.put("now", DeadlineRows.ts(clock.instant()));
        if (present(filter.nodeCode())) {
            where.append(" and node_code = :node");
            params.put("node", filter.nodeCode().trim());
        }
        if (present(filter.role())) {
            // Roles are stored sorted and comma separated: match one whole name.
            where.append(" and concat(concat(',', roles), ',') like :role");
            params.put("role", "%," + filter.role().trim() + ",%");
        }
        if (present(filter.handler())) {
            where.append(" and handler = :handler");
            params.put("handler", filter.handler().trim());
        }
        if (present(filter.orderNo())) {
            where.append(" and order_no = :orderNo");
            params.put("orderNo", filter.orderNo().trim());
        }
        return where.toString();
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
