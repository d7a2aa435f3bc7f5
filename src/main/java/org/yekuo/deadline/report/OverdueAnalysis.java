package org.yekuo.deadline.report;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.yekuo.deadline.DelayCategory;
import org.yekuo.identity.DataScope;
import org.yekuo.reporting.ReportMonth;

/**
 * Builds the monthly overdue analysis (R-SLA-5) with a few grouped queries: the month bounds a node's
 * overdue moment ({@link #OVERDUE_AT}, indexed on PostgreSQL for the overdue nodes only, V83), the scope
 * bounds {@code org_path}. The database returns groups, never the overdue rows themselves.
 */
@Service
@Transactional(readOnly = true)
public class OverdueAnalysis {

    static final int TREND_MONTHS = 12;
    static final int TOP_CAUSES = 5;

    /** When a node became overdue: when it turned red, or else when it was completed (late, see {@link #OVERDUE}). */
    static final String OVERDUE_AT = "coalesce(d.turned_red_at, d.completed_at)";
    /**
     * Overdue in [:from, :to): red in the range, or completed late in it without having turned red. Written
     * as the expression and predicate of the PostgreSQL index V83, so that a month reads only its overdue nodes
     * rather than every node completed in it.
     */
    static final String OVERDUE = "(" + OVERDUE_AT + " >= :from and " + OVERDUE_AT + " < :to"
            + " and (d.turned_red_at is not null or d.completed_at > d.due_at))";
    /** The category of the node's latest explanation that was not rejected: one backward probe of V87's index. */
    static final String CATEGORY = """
            (select x.category from delay_explanation x where x.deadline_id = d.id and x.status <> 'REJECTED'
             order by x.id desc limit 1)""";

    private final JdbcClient jdbc;
    private final ScoreRules rules;
    private final ReportLabels labels;

    OverdueAnalysis(JdbcClient jdbc, ScoreRules rules, ReportLabels labels) {
        this.jdbc = jdbc;
        this.rules = rules;
        this.labels = labels;
    }

    public OverdueReport of(ReportMonth month, DataScope scope, Locale locale) {
        ReportLabels.Naming naming = labels.naming(locale);
        String scopeName = naming.scope(scope);
        NodeOwnership ownership = rules.ownership();
        List<Group> groups = jdbc.sql("select m.category, m.node_code, m.owner, m.handler, count(*) as n from ("
                        + "select d.node_code, d.handler, " + ownership.owner() + " as owner, " + CATEGORY + " as category "
                        + "from node_deadline d where d.org_path like :scope and " + OVERDUE
                        + ") m group by m.category, m.node_code, m.owner, m.handler")
                .params(ownership.params()).params(range(month, scope))
                .query((rs, n) -> new Group(rs.getString("category"), rs.getString("node_code"), rs.getString("owner"),
                        rs.getString("handler"), rs.getLong("n")))
                .list();
        long orders = jdbc.sql("select count(distinct d.order_id) from node_deadline d where d.org_path like :scope and " + OVERDUE)
                .params(range(month, scope)).query(Long.class).single();
        long nodes = groups.stream().mapToLong(Group::count).sum();

        Map<String, Long> categories = new LinkedHashMap<>();
        for (DelayCategory category : DelayCategory.values()) {
            categories.put(category.name(), 0L);
        }
        categories.put(ReportLabels.UNEXPLAINED, 0L);
        groups.forEach(g -> categories.merge(g.category() == null ? ReportLabels.UNEXPLAINED : g.category(), g.count(), Long::sum));
        List<OverdueReport.Line> byCategory = categories.entrySet().stream()
                .map(e -> new OverdueReport.Line(e.getKey(), naming.category(e.getKey()), e.getValue())).toList();

        naming.knowPeople(groups.stream().map(Group::handler).toList());
        return new OverdueReport(month.toString(), scopeName, nodes, orders, categories.get(ReportLabels.UNEXPLAINED),
                byCategory, lines(groups, Group::node, naming::node), lines(groups, Group::owner, naming::unit),
                lines(groups, Group::handler, naming::person), trend(month, scope), topCauses(groups, month, scope, naming));
    }

    private static List<OverdueReport.Line> lines(List<Group> groups, Function<Group, String> key, Function<String, String> name) {
        Map<String, Long> counts = new HashMap<>();
        groups.forEach(g -> counts.merge(Objects.toString(key.apply(g), ""), g.count(), Long::sum));
        return counts.entrySet().stream()
                .map(e -> new OverdueReport.Line(e.getKey(), name.apply(e.getKey().isEmpty() ? null : e.getKey()), e.getValue()))
                .sorted(Comparator.comparingLong(OverdueReport.Line::count).reversed().thenComparing(OverdueReport.Line::code))
                .toList();
    }

    /** One query over the whole window: each overdue node falls in the month of its overdue moment. */
    private List<OverdueReport.MonthCount> trend(ReportMonth month, DataScope scope) {
        ReportMonth first = month.minusMonths(TREND_MONTHS - 1);
        StringBuilder bucket = new StringBuilder("case");
        Map<String, Object> params = new HashMap<>();
        for (int i = TREND_MONTHS - 1; i > 0; i--) {
            bucket.append(" when ").append(OVERDUE_AT).append(" >= :b").append(i).append(" then ").append(i);
            params.put("b" + i, Timestamp.from(first.month().plusMonths(i).atDay(1).atStartOfDay(month.zone()).toInstant()));
        }
        bucket.append(" else 0 end");
        Map<Integer, Long> counts = new HashMap<>();
        jdbc.sql("select m.bucket, count(*) as n from (select " + bucket + " as bucket from node_deadline d "
                        + "where d.org_path like :scope and " + OVERDUE + ") m group by m.bucket")
                .params(params).param("scope", scope.likePattern())
                .param("from", Timestamp.from(first.from())).param("to", Timestamp.from(month.to()))
                .query(rs -> {
                    counts.put(rs.getInt("bucket"), rs.getLong("n"));
                });
        List<OverdueReport.MonthCount> trend = new ArrayList<>();
        for (int i = 0; i < TREND_MONTHS; i++) {
            trend.add(new OverdueReport.MonthCount(first.month().plusMonths(i).toString(), counts.getOrDefault(i, 0L)));
        }
        return trend;
    }

    private List<OverdueReport.Cause> topCauses(List<Group> groups, ReportMonth month, DataScope scope, ReportLabels.Naming naming) {
        Map<List<String>, Long> counts = new HashMap<>();
        groups.stream().filter(g -> g.category() != null)
                .forEach(g -> counts.merge(List.of(g.category(), g.node()), g.count(), Long::sum));
        Map<List<String>, Long> previous = new HashMap<>();
        // "offset 0" keeps the category a column of the inner rows: pushed into the outer filter, it was looked up twice.
        jdbc.sql("select m.category, m.node_code, count(*) as n from (select d.node_code, " + CATEGORY + " as category "
                        + "from node_deadline d where d.org_path like :scope and " + OVERDUE
                        + " offset 0) m where m.category is not null group by m.category, m.node_code")
                .params(range(month.minusMonths(1), scope))
                .query(rs -> {
                    previous.put(List.of(rs.getString("category"), rs.getString("node_code")), rs.getLong("n"));
                });
        return counts.entrySet().stream()
                .sorted(Map.Entry.<List<String>, Long>comparingByValue().reversed()
                        .thenComparing(e -> e.getKey().get(0) + "/" + e.getKey().get(1)))
                .limit(TOP_CAUSES)
                .map(e -> new OverdueReport.Cause(e.getKey().get(0), naming.category(e.getKey().get(0)), e.getKey().get(1),
                        naming.node(e.getKey().get(1)), e.getValue(), previous.getOrDefault(e.getKey(), 0L)))
                .toList();
    }

    static Map<String, Object> range(ReportMonth month, DataScope scope) {
        return Map.of("scope", scope.likePattern(), "from", Timestamp.from(month.from()), "to", Timestamp.from(month.to()));
    }

    private record Group(String category, String node, String owner, String handler, long count) {
    }
}
