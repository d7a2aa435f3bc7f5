package org.yekuo.deadline.report;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.yekuo.audit.AuditTrail;
import org.yekuo.catalogue.KeyNode;
import org.yekuo.deadline.DeadlineAudit;
import org.yekuo.identity.CurrentUsers;
import org.yekuo.identity.DataScope;
import org.yekuo.identity.OrgUnit;
import org.yekuo.identity.OrgUnits;
import org.yekuo.shared.DomainException;

/**
 * The scoring rules (R-SLA-6): read by every report, changed by administrators only, each change
 * audited with what it was before and counted in the rule's revision. A changed rule applies to
 * every sheet computed afterwards, past months included: the sheet names the rules it used.
 */
@Service
@Transactional(readOnly = true)
public class ScoreRules {

    static final BigDecimal MAX_POINTS = new BigDecimal("100");
    /** The whole organisation: every path starts with a slash. */
    private static final DataScope EVERYTHING = new DataScope("/");

    private final JdbcClient jdbc;
    private final OrgUnits orgUnits;
    private final CurrentUsers users;
    private final AuditTrail audit;
    private final Clock clock;

    ScoreRules(JdbcClient jdbc, OrgUnits orgUnits, CurrentUsers users, AuditTrail audit, Clock clock) {
        this.jdbc = jdbc;
        this.orgUnits = orgUnits;
        this.users = users;
        this.audit = audit;
        this.clock = clock;
    }

    /** The rules in the order of the key nodes, a node's role rules before its rule for any role. */
    public List<ScoreRule> all() {
        List<String> order = Arrays.stream(KeyNode.values()).map(KeyNode::name).toList();
        return jdbc.sql("select * from score_rule").query(ROW).list().stream()
                .sorted(Comparator.comparingInt((ScoreRule r) -> order.indexOf(r.nodeCode()) < 0 ? order.size() : order.indexOf(r.nodeCode()))
                        .thenComparing(ScoreRule::forAnyRole).thenComparingLong(ScoreRule::id))
                .toList();
    }

    public Optional<ScoreRule> find(long id) {
        return jdbc.sql("select * from score_rule where id = ?").param(id).query(ROW).optional();
    }

    /** The units a rule may name: the company's departments and stations, by path. */
    public List<OrgUnit> owningUnits() {
        return orgUnits.within(EVERYTHING).stream()
                .filter(u -> u.kind() == OrgUnit.Kind.DEPARTMENT || u.kind() == OrgUnit.Kind.STATION).toList();
    }

    /** Every org unit, for naming the owners that reports find. */
    List<OrgUnit> allUnits() {
        return orgUnits.within(EVERYTHING);
    }

    NodeOwnership ownership() {
        return NodeOwnership.of(all(), allUnits().stream().filter(u -> u.kind() == OrgUnit.Kind.STATION).toList());
    }

    /**
     * Changes who owns a rule's node and its points. {@code revision} is the revision the administrator
     * saw: a rule changed meanwhile is refused rather than overwritten.
     */
    @Transactional
    @PreAuthorize("hasRole('ADMIN')")
    public ScoreRule change(long id, int revision, ScoreRule.Owner owner, String orgUnitCode, BigDecimal yellowPoints,
            BigDecimal redPoints) {
        ScoreRule before = find(id).orElseThrow(() -> DomainException.notFound("deadline.score-rule.not-found", id));
        if (owner == null) {
            throw DomainException.invalid("owner", "deadline.score-rule.owner-required");
        }
        String unit = owner == ScoreRule.Owner.UNIT ? requireUnit(orgUnitCode) : null;
        checkPoints("yellowPoints", yellowPoints);
        checkPoints("redPoints", redPoints);
        int changed = jdbc.sql("""
                update score_rule set owner_kind = ?, org_unit_code = ?, yellow_points = ?, red_points = ?,
                       revision = revision + 1, changed_by = ?, changed_at = ?
                where id = ? and revision = ?""")
                .params(owner.name(), unit, yellowPoints, redPoints, users.require().username(),
                        Timestamp.from(clock.instant()), id, revision)
                .update();
        if (changed == 0) {
            throw DomainException.conflict("deadline.score-rule.changed-meanwhile", before.nodeCode());
        }
        ScoreRule after = find(id).orElseThrow();
        audit.record(DeadlineAudit.SCORE_RULE_CHANGED, "score-rule", before.nodeCode() + "/" + before.roleCode(),
                describe(before) + " -> " + describe(after));
        return after;
    }

    private String requireUnit(String code) {
        if (code == null || code.isBlank()) {
            throw DomainException.invalid("orgUnitCode", "deadline.score-rule.unit-required");
        }
        String trimmed = code.trim();
        if (owningUnits().stream().noneMatch(u -> u.code().equals(trimmed))) {
            throw DomainException.invalid("orgUnitCode", "deadline.score-rule.unit-unknown", trimmed);
        }
        return trimmed;
    }

    private static void checkPoints(String field, BigDecimal points) {
        if (points == null || points.signum() < 0 || points.compareTo(MAX_POINTS) > 0 || points.stripTrailingZeros().scale() > 2) {
            throw DomainException.invalid(field, "deadline.score-rule.points-invalid", MAX_POINTS);
        }
    }

    private static String describe(ScoreRule rule) {
        return "rev=" + rule.revision() + " owner=" + rule.owner() + (rule.orgUnitCode() == null ? "" : ":" + rule.orgUnitCode())
                + " yellow=" + rule.yellowPoints().stripTrailingZeros().toPlainString()
                + " red=" + rule.redPoints().stripTrailingZeros().toPlainString();
    }

    private static final RowMapper<ScoreRule> ROW = (rs, n) -> new ScoreRule(rs.getLong("id"), rs.getString("node_code"),
            rs.getString("role_code"), ScoreRule.Owner.valueOf(rs.getString("owner_kind")), rs.getString("org_unit_code"),
            rs.getBigDecimal("yellow_points"), rs.getBigDecimal("red_points"), rs.getInt("revision"),
            rs.getString("changed_by"), rs.getTimestamp("changed_at").toInstant());
}
