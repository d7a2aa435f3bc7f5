package org.yekuo.collaboration;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.yekuo.audit.AuditTrail;
import org.yekuo.identity.CurrentUser;
import org.yekuo.reporting.ReportMonth;
import org.yekuo.identity.DataScope;
import org.yekuo.identity.OrgUnit;
import org.yekuo.identity.OrgUnits;
import org.yekuo.identity.StaffMembers;
import org.yekuo.shared.DomainException;
import org.yekuo.shared.DomainException.FieldProblem;

/**
 * Quality problems found on completed orders (R-COL-6): a department head or the leader in charge files one with its
 * category, what is wrong and the node it goes back to; the order's stored responsibility chain names the person who
 * answers for it — who completed that node last, or for the department review that department's reviewer — so the
 * problem counts in that person's and that station's monthly figures.
 */
@Service
public class QualityProblems {

    static final int DESCRIPTION_MAX = 1000;

    private static final String COLUMNS = "id, order_id, order_no, category, description, node_code, department, link_seq, responsible,"
            + " responsible_name, filed_by, filed_at";

    private final JdbcClient jdbc;
    private final ResponsibilityChains chains;
    private final StaffMembers staff;
    private final OrgUnits orgUnits;
    private final AuditTrail audit;
    private final Clock clock;

    QualityProblems(JdbcClient jdbc, ResponsibilityChains chains, StaffMembers staff, OrgUnits orgUnits, AuditTrail audit, Clock clock) {
        this.jdbc = jdbc;
        this.chains = chains;
        this.staff = staff;
        this.orgUnits = orgUnits;
        this.audit = audit;
        this.clock = clock;
    }

    /** What the filer says: the category's name, what is wrong, the node, and for the review the department. */
    public record Filing(String category, String description, String nodeCode, String department) {
    }

    /** The steps of a completed order a problem can be traced to: each node's last completion, each department's review. */
    public List<ResponsibilityChain.Link> traceable(ResponsibilityChain chain) {
        Map<String, ResponsibilityChain.Link> last = new java.util.LinkedHashMap<>();
        for (ResponsibilityChain.Link link : chain.links()) {
            if (link.step().answersForNode()) {
                last.remove(target(link));
                last.put(target(link), link);
            }
        }
        return last.values().stream().sorted(Comparator.comparingInt(ResponsibilityChain.Link::seq)).toList();
    }

    /** The choice a form offers for a traceable step: the node, with the department for a review. */
    public static String target(ResponsibilityChain.Link link) {
        return link.step() == ChainStep.REVIEWED ? link.nodeCode() + ":" + link.party() : link.nodeCode();
    }

    /**
     * Files a problem on a completed order in the filer's scope, traced to its person; every field that is wrong is
     * named at once, and nothing is written unless all are right.
     */
    @Transactional
    public QualityProblem file(long orderId, Filing filing, CurrentUser user) {
        Optional<ResponsibilityChain> chain = chains.of(orderId, user);
        List<FieldProblem> problems = new ArrayList<>();
        if (chain.isEmpty()) {
            problems.add(new FieldProblem("orderId", "collaboration.quality.not-completed"));
        }
        QualityCategory category = category(filing.category(), problems);
        String description = filing.description() == null ? "" : filing.description().strip();
        if (description.isEmpty()) {
            problems.add(new FieldProblem("description", "collaboration.quality.description-required", String.valueOf(DESCRIPTION_MAX)));
        } else if (description.length() > DESCRIPTION_MAX) {
            problems.add(new FieldProblem("description", "collaboration.quality.description-too-long", String.valueOf(DESCRIPTION_MAX),
                    String.valueOf(description.length())));
        }
        ResponsibilityChain.Link traced = chain.map(c -> trace(c, filing, problems)).orElse(null);
        if (!problems.isEmpty()) {
            throw new DomainException(HttpStatus.UNPROCESSABLE_CONTENT, problems, "validation.failed");
        }
        ResponsibilityChain found = chain.orElseThrow();
        Instant now = clock.instant();
        String department = traced.step() == ChainStep.REVIEWED ? traced.party() : null;
        jdbc.sql("""
                insert into quality_problem (order_id, order_no, org_path, category, description, node_code, department, link_seq,
                                             responsible, responsible_name, filed_by, filed_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(orderId, found.orderNo(), found.orgPath(), category.name(), description, traced.nodeCode(), department, traced.seq(),
                        traced.actor(), traced.actorName(), user.username(), Timestamp.from(now))
                .update();
        long id = jdbc.sql("select max(id) from quality_problem where order_id = ? and filed_by = ?").params(orderId, user.username())
                .query(Long.class).single();
        audit.record(CollaborationAudit.QUALITY_FILED, "application", found.orderNo(), "qualityProblem=" + id + " qualityCategory="
                + category.name() + " node=" + traced.nodeCode() + " handler=" + traced.actor());
        return get(id);
    }

    /** The problems filed on an order, newest first, for whoever sees the order. */
    public List<QualityProblem> ofOrder(long orderId, CurrentUser user) {
        chains.of(orderId, user);
        return named(jdbc.sql("select " + COLUMNS + " from quality_problem where order_id = ? order by id desc").param(orderId)
                .query(this::row).list());
    }

    /** Problems filed in [from, to) on orders in the scope: how many each person answers for, and each station's orders. */
    public Figures figures(Instant from, Instant to, DataScope scope) {
        Map<String, Object> params = Map.of("from", Timestamp.from(from), "to", Timestamp.from(to), "scope", scope.likePattern());
        List<Count> byPerson = jdbc.sql("""
                select responsible, max(responsible_name), count(*) from quality_problem
                where filed_at >= :from and filed_at < :to and org_path like :scope
                group by responsible order by count(*) desc, responsible""").params(params)
                .query((rs, n) -> new Count(rs.getString(1), rs.getString(2), rs.getLong(3))).list();
        List<Count> byStation = jdbc.sql("""
                select org_path, count(*) from quality_problem
                where filed_at >= :from and filed_at < :to and org_path like :scope
                group by org_path order by count(*) desc, org_path""").params(params)
                .query((rs, n) -> new Count(rs.getString(1), null, rs.getLong(2))).list();
        return new Figures(byPerson, byStation);
    }

    /**
     * The monthly quality figures (R-COL-6) of the scope: the month's problems per person responsible and per station of
     * the orders, most first, each beside the month before; for the monthly dashboards beside the other figures.
     */
    public Monthly monthly(ReportMonth month, DataScope scope, Locale locale) {
        ReportMonth previous = month.minusMonths(1);
        Figures now = figures(month.from(), month.to(), scope);
        Figures before = figures(previous.from(), previous.to(), scope);
        List<OrgUnit> units = orgUnits.within(scope);
        // An order belongs to the team that accepted it; its station is the station above (or the unit itself elsewhere).
        java.util.function.Function<Count, String> station = c -> units.stream()
                .filter(u -> c.key().startsWith(u.path()) && (u.kind() == OrgUnit.Kind.STATION || u.path().equals(c.key())))
                .max(Comparator.comparingInt((OrgUnit u) -> u.kind() == OrgUnit.Kind.STATION ? 1 : 0).thenComparingInt(u -> u.path().length()))
                .map(u -> u.name(locale)).orElse(c.key());
        return new Monthly(now.total(), before.total(), lines(now.byPerson(), before.byPerson(), Count::name),
                lines(now.byStation(), before.byStation(), station));
    }

    /** Counts grouped by name, most first, each with the month before's count of the same name. */
    private static List<Monthly.Line> lines(List<Count> now, List<Count> before, java.util.function.Function<Count, String> name) {
        Map<String, Long> counts = new java.util.LinkedHashMap<>();
        now.forEach(c -> counts.merge(name.apply(c), c.count(), Long::sum));
        Map<String, Long> previous = new HashMap<>();
        before.forEach(c -> previous.merge(name.apply(c), c.count(), Long::sum));
        return counts.entrySet().stream().map(e -> new Monthly.Line(e.getKey(), e.getValue(), previous.getOrDefault(e.getKey(), 0L)))
                .sorted(Comparator.comparingLong(Monthly.Line::count).reversed().thenComparing(Monthly.Line::name)).toList();
    }

    /** A month's quality figures: the total and each group beside the month before. */
    public record Monthly(long total, long previousTotal, List<Line> byPerson, List<Line> byStation) {

        public record Line(String name, long count, long previous) {
        }
    }

    /** The month's problems per person ({@code key} the username) and per station ({@code key} the org path of the orders). */
    public record Figures(List<Count> byPerson, List<Count> byStation) {

        public long total() {
            return byStation.stream().mapToLong(Count::count).sum();
        }
    }

    public record Count(String key, String name, long count) {
    }

    private QualityProblem get(long id) {
        return named(List.of(jdbc.sql("select " + COLUMNS + " from quality_problem where id = ?").param(id).query(this::row).single())).get(0);
    }

    private List<QualityProblem> named(List<QualityProblem> problems) {
        Map<String, String> names = staff.displayNames(problems.stream().map(QualityProblem::filedBy).toList());
        return problems.stream().map(p -> new QualityProblem(p.id(), p.orderId(), p.orderNo(), p.category(), p.description(), p.nodeCode(),
                p.department(), p.linkSeq(), p.responsible(), p.responsibleName(), p.filedBy(), names.getOrDefault(p.filedBy(), p.filedBy()),
                p.filedAt())).toList();
    }

    private static QualityCategory category(String name, List<FieldProblem> problems) {
        if (name == null || name.isBlank()) {
            problems.add(new FieldProblem("category", "collaboration.quality.category-required"));
            return null;
        }
        for (QualityCategory category : QualityCategory.values()) {
            if (category.name().equals(name.strip())) {
                return category;
            }
        }
        problems.add(new FieldProblem("category", "collaboration.quality.category-unknown", name.strip()));
        return null;
    }

    /** The chain's step the filing names, or a field problem saying which nodes (and departments) may be chosen. */
    private ResponsibilityChain.Link trace(ResponsibilityChain chain, Filing filing, List<FieldProblem> problems) {
        List<ResponsibilityChain.Link> traceable = traceable(chain);
        String node = filing.nodeCode() == null ? "" : filing.nodeCode().strip();
        List<ResponsibilityChain.Link> atNode = traceable.stream().filter(l -> l.nodeCode().equals(node)).toList();
        if (atNode.isEmpty()) {
            problems.add(new FieldProblem("nodeCode", node.isEmpty() ? "collaboration.quality.node-required" : "collaboration.quality.node-unknown",
                    node));
            return null;
        }
        if (atNode.get(0).step() != ChainStep.REVIEWED) {
            return atNode.get(0);
        }
        String department = filing.department() == null ? "" : filing.department().strip();
        return atNode.stream().filter(l -> l.party().equals(department)).findFirst().orElseGet(() -> {
            problems.add(new FieldProblem("department", "collaboration.quality.department-unknown", department));
            return null;
        });
    }

    private QualityProblem row(ResultSet rs, int n) throws SQLException {
        return new QualityProblem(rs.getLong(1), rs.getLong(2), rs.getString(3), QualityCategory.valueOf(rs.getString(4)), rs.getString(5),
                rs.getString(6), rs.getString(7), rs.getInt(8), rs.getString(9), rs.getString(10), rs.getString(11), null,
                rs.getTimestamp(12).toInstant());
    }
}
