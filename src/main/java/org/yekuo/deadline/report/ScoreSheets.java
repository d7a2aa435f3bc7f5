package org.yekuo.deadline.report;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.yekuo.identity.DataScope;
import org.yekuo.reporting.ReportMonth;

/** Computes the monthly score sheet (R-SLA-6) in one grouped query over the month's yellow and red nodes. */
@Service
@Transactional(readOnly = true)
public class ScoreSheets {

    private static final String IN_MONTH = """
            ((d.turned_red_at >= :from and d.turned_red_at < :to) or (d.turned_yellow_at >= :from and d.turned_yellow_at < :to))""";

    private final JdbcClient jdbc;
    private final ScoreRules rules;
    private final ReportLabels labels;

    ScoreSheets(JdbcClient jdbc, ScoreRules rules, ReportLabels labels) {
        this.jdbc = jdbc;
        this.rules = rules;
        this.labels = labels;
    }

    /** 2.00 as 2 and 0.50 as 0.5, but 20 never as 2E+1. */
    static BigDecimal tidy(BigDecimal points) {
        BigDecimal stripped = points.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    public ScoreSheet of(ReportMonth month, DataScope scope, Locale locale) {
        List<ScoreRule> current = rules.all();
        NodeOwnership ownership = rules.ownership();
        ReportLabels.Naming naming = labels.naming(locale);
        String scopeName = naming.scope(scope);
        // Innermost: each node task with its owner; middle: one mark per order, node and owner in its
        // worst colour; outer: marks and points per owner and colour.
        String sql = "select o.owner, o.red, count(*) as marks, sum(o.points) as points from ("
                + " select m.order_id, m.node_code, m.owner, max(m.red) as red,"
                + "  case when max(m.red) = 1 then max(m.red_points) else max(m.yellow_points) end as points from ("
                + "  select d.order_id, d.node_code, " + ownership.owner() + " as owner,"
                + "   case when d.turned_red_at >= :from and d.turned_red_at < :to then 1 else 0 end as red,"
                + "   " + ownership.redPoints() + " as red_points, " + ownership.yellowPoints() + " as yellow_points"
                + "  from node_deadline d where d.org_path like :scope and " + IN_MONTH
                + " ) m group by m.order_id, m.node_code, m.owner"
                + ") o group by o.owner, o.red";
        Map<String, long[]> marks = new HashMap<>();
        Map<String, BigDecimal> points = new HashMap<>();
        jdbc.sql(sql).params(ownership.params())
                .param("scope", scope.likePattern()).param("from", Timestamp.from(month.from())).param("to", Timestamp.from(month.to()))
                .query(rs -> {
                    String owner = Objects.toString(rs.getString("owner"), "");
                    marks.computeIfAbsent(owner, o -> new long[2])[rs.getInt("red")] += rs.getLong("marks");
                    points.merge(owner, rs.getBigDecimal("points"), BigDecimal::add);
                });
        List<ScoreSheet.Department> departments = marks.entrySet().stream()
                .map(e -> new ScoreSheet.Department(e.getKey(), naming.unit(e.getKey().isEmpty() ? null : e.getKey()),
                        e.getValue()[0], e.getValue()[1], tidy(points.get(e.getKey()))))
                .sorted(Comparator.comparing(ScoreSheet.Department::deducted).reversed().thenComparing(ScoreSheet.Department::code))
                .toList();
        BigDecimal total = departments.stream().map(ScoreSheet.Department::deducted).reduce(BigDecimal.ZERO, BigDecimal::add);
        long revision = current.stream().mapToLong(ScoreRule::revision).sum();
        return new ScoreSheet(month.toString(), scopeName, revision, departments, tidy(total));
    }
}
