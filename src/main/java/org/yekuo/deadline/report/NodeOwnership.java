package org.yekuo.deadline.report;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.yekuo.identity.OrgUnit;

/**
 * The scoring rules as SQL over a {@code node_deadline} row: which unit owns the node (by code) and
 * the points per colour. Reports group by these expressions in the database, so that "department"
 * means the same in the overdue analysis, the score sheet and the notices, and no rows are loaded to
 * be classified in memory. A rule for one candidate role wins over the node's rule for any role;
 * among several matching role rules the oldest wins (a joint review task goes to operations).
 * Nodes without a rule belong to the order's station at the default points.
 */
final class NodeOwnership {

    static final BigDecimal DEFAULT_YELLOW = new BigDecimal("0.5");
    static final BigDecimal DEFAULT_RED = new BigDecimal("2");

    private final String owner;
    private final String yellowPoints;
    private final String redPoints;
    private final Map<String, Object> params;

    private NodeOwnership(String owner, String yellowPoints, String redPoints, Map<String, Object> params) {
        this.owner = owner;
        this.yellowPoints = yellowPoints;
        this.redPoints = redPoints;
        this.params = Map.copyOf(params);
    }

    /** The expressions over alias {@code d}; stations are matched by their path on the order's org path. */
    static NodeOwnership of(List<ScoreRule> rules, List<OrgUnit> stations) {
        Map<String, Object> params = new HashMap<>();
        StringBuilder station = new StringBuilder("case");
        int s = 0;
        // Deepest first, in case stations ever nest.
        for (OrgUnit unit : stations.stream().sorted(Comparator.comparing((OrgUnit u) -> u.path().length()).reversed()).toList()) {
            station.append(" when d.org_path like :os").append(s).append(" then :osc").append(s);
            params.put("os" + s, unit.path() + "%");
            params.put("osc" + s, unit.code());
            s++;
        }
        String stationSql = s == 0 ? "cast(null as varchar(40))" : station.append(" end").toString();

        List<ScoreRule> ordered = new ArrayList<>(rules.stream().filter(r -> !r.forAnyRole())
                .sorted(Comparator.comparingLong(ScoreRule::id)).toList());
        ordered.addAll(rules.stream().filter(ScoreRule::forAnyRole).toList());
        StringBuilder owner = new StringBuilder("case");
        StringBuilder yellow = new StringBuilder("case");
        StringBuilder red = new StringBuilder("case");
        int r = 0;
        for (ScoreRule rule : ordered) {
            String when = " when d.node_code = :on" + r
                    + (rule.forAnyRole() ? "" : " and (',' || d.roles || ',') like :or" + r + " escape '!'");
            params.put("on" + r, rule.nodeCode());
            if (!rule.forAnyRole()) {
                params.put("or" + r, "%," + rule.roleCode().replace("!", "!!").replace("_", "!_").replace("%", "!%") + ",%");
            }
            if (rule.owner() == ScoreRule.Owner.UNIT) {
                owner.append(when).append(" then :oc").append(r);
                params.put("oc" + r, rule.orgUnitCode());
            } else {
                owner.append(when).append(" then ").append(stationSql);
            }
            yellow.append(when).append(" then :oy").append(r);
            red.append(when).append(" then :ox").append(r);
            params.put("oy" + r, rule.yellowPoints());
            params.put("ox" + r, rule.redPoints());
            r++;
        }
        // Typed, so that H2 knows what the parameters in the branches are (it cannot sum an unknown).
        owner.insert(0, "cast(").append(" else ").append(stationSql).append(" end as varchar(40))");
        yellow.insert(0, "cast(").append(" else :oyd end as numeric(7,2))");
        red.insert(0, "cast(").append(" else :oxd end as numeric(7,2))");
        params.put("oyd", DEFAULT_YELLOW);
        params.put("oxd", DEFAULT_RED);
        return new NodeOwnership(owner.toString(), yellow.toString(), red.toString(), params);
    }

    /** The owning unit's code; null when the order lies under no station and no rule names a unit. */
    String owner() {
        return owner;
    }

    String yellowPoints() {
        return yellowPoints;
    }

    String redPoints() {
        return redPoints;
    }

    /** The named parameters the expressions use (all prefixed {@code o}). */
    Map<String, Object> params() {
        return params;
    }
}
