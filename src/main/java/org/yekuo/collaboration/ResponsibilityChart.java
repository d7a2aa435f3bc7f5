package org.yekuo.collaboration;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.context.support.DefaultMessageSourceResolvable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.yekuo.audit.AuditTrail;
import org.yekuo.identity.CurrentUser;
import org.yekuo.identity.Role;
import org.yekuo.identity.StaffMembers;
import org.yekuo.intake.Application;
import org.yekuo.intake.Orders;
import org.yekuo.shared.DomainException;
import org.yekuo.shared.DomainException.FieldProblem;

/**
 * The responsibility chart (R-COL-4): which role is responsible, accountable, consulted or informed at each
 * of the 8 stages. Administrators publish whole new versions; an order is shown the version in force when it
 * was accepted, so a later change does not rewrite who answered for an order already under way.
 */
@Service
@Transactional(readOnly = true)
public class ResponsibilityChart {

    /** The roles that take part in a connection; administration, audit and the archive do not. */
    public static final List<Role> ROLES = List.of(Role.CLERK, Role.SURVEYOR, Role.DESIGNER, Role.REVIEWER_OPERATIONS,
            Role.REVIEWER_MARKETING, Role.REVIEWER_DISPATCH, Role.MATERIALS_CLERK, Role.INSPECTOR, Role.DEPARTMENT_HEAD, Role.LEADER);

    static final int NOTE_MIN = 5;
    static final int NOTE_MAX = 500;

    private final JdbcClient jdbc;
    private final Orders orders;
    private final StaffMembers staff;
    private final AuditTrail audit;
    private final Clock clock;

    ResponsibilityChart(JdbcClient jdbc, Orders orders, StaffMembers staff, AuditTrail audit, Clock clock) {
        this.jdbc = jdbc;
        this.orders = orders;
        this.staff = staff;
        this.audit = audit;
        this.clock = clock;
    }

    /** The version in force now. */
    public Version current() {
        return inForceAt(clock.instant());
    }

    /** The version that was in force when the order in the reader's scope was accepted. */
    public Version ofOrder(long orderId, CurrentUser user) {
        Application order = orders.find(orderId).filter(o -> user.scope().includes(o.orgPath()))
                .orElseThrow(() -> DomainException.notFound("collaboration.order.not-found", orderId));
        return inForceAt(order.createdAt());
    }

    /** Every published version, newest first, without their assignments. */
    public List<Version> history() {
        List<Header> headers = jdbc.sql("select version, published_by, published_at, note from responsibility_chart order by version desc")
                .query(Header.class).list();
        Map<String, String> names = staff.displayNames(headers.stream().map(Header::publishedBy).toList());
        return headers.stream().map(h -> h.toVersion(names, Map.of())).toList();
    }

    Version inForceAt(Instant at) {
        Header header = jdbc.sql("select version, published_by, published_at, note from responsibility_chart where published_at <= ?"
                        + " order by version desc limit 1").param(Timestamp.from(at)).query(Header.class).optional()
                .orElseGet(() -> jdbc.sql("select version, published_by, published_at, note from responsibility_chart order by version"
                        + " limit 1").query(Header.class).single());
        Map<Stage, Map<Role, Duty>> duties = new EnumMap<>(Stage.class);
        jdbc.sql("select stage, role, duty from responsibility_assignment where version = ?").param(header.version())
                .query((rs, n) -> {
                    duties.computeIfAbsent(Stage.valueOf(rs.getString("stage")), s -> new EnumMap<>(Role.class))
                            .put(Role.valueOf(rs.getString("role")), Duty.valueOf(rs.getString("duty")));
                    return null;
                }).list();
        return header.toVersion(staff.displayNames(List.of(header.publishedBy())), duties);
    }

    /**
     * Publishes a new version. Every stage has exactly one accountable role and at least one responsible; the
     * note says why the chart changed. Two administrators publishing at once: the second is told to reload.
     */
    @Transactional
    public Version publish(Map<Stage, Map<Role, Duty>> duties, String note, CurrentUser user) {
        if (!user.has(Role.ADMIN)) {
            throw DomainException.forbidden("collaboration.chart.admin-only");
        }
        List<FieldProblem> problems = new ArrayList<>();
        String trimmed = note == null ? "" : note.trim();
        if (trimmed.length() < NOTE_MIN || trimmed.length() > NOTE_MAX) {
            problems.add(new FieldProblem("note", "collaboration.chart.note-length", NOTE_MIN, NOTE_MAX));
        }
        for (Stage stage : Stage.values()) {
            Map<Role, Duty> row = duties.getOrDefault(stage, Map.of());
            long accountable = row.values().stream().filter(d -> d == Duty.A).count();
            if (accountable != 1) {
                problems.add(new FieldProblem(stage.name(), "collaboration.chart.one-accountable", name(stage.messageKey()), accountable));
            }
            if (row.values().stream().noneMatch(d -> d == Duty.R)) {
                problems.add(new FieldProblem(stage.name(), "collaboration.chart.responsible-required", name(stage.messageKey())));
            }
            row.keySet().stream().filter(r -> !ROLES.contains(r)).findFirst().ifPresent(r -> problems.add(
                    new FieldProblem(stage.name(), "collaboration.chart.role-not-taking-part", name(stage.messageKey()), name(r.messageKey()))));
        }
        if (!problems.isEmpty()) {
            throw new DomainException(HttpStatus.UNPROCESSABLE_CONTENT, problems, "collaboration.chart.invalid");
        }
        int version = jdbc.sql("select coalesce(max(version), 0) + 1 from responsibility_chart").query(Integer.class).single();
        Instant now = clock.instant();
        try {
            jdbc.sql("insert into responsibility_chart (version, published_by, published_at, note) values (?, ?, ?, ?)")
                    .params(version, user.username(), Timestamp.from(now), trimmed).update();
        } catch (DuplicateKeyException e) {
            throw DomainException.conflict("collaboration.chart.published-meanwhile");
        }
        duties.forEach((stage, row) -> row.forEach((role, duty) -> jdbc
                .sql("insert into responsibility_assignment (version, stage, role, duty) values (?, ?, ?, ?)")
                .params(version, stage.name(), role.name(), duty.name()).update()));
        // The assignments stay in their version's rows; the trail says who published which version and why.
        audit.record(CollaborationAudit.CHART_PUBLISHED, "responsibility-chart", "v" + version, "version=" + version + " note=" + trimmed);
        return inForceAt(now);
    }

    private static DefaultMessageSourceResolvable name(String messageKey) {
        return new DefaultMessageSourceResolvable(messageKey);
    }

    private record Header(int version, String publishedBy, Timestamp publishedAt, String note) {

        Version toVersion(Map<String, String> names, Map<Stage, Map<Role, Duty>> duties) {
            return new Version(version, names.getOrDefault(publishedBy, ""), publishedAt.toInstant(), note, duties);
        }
    }

    /**
     * One published chart. {@code publishedByName} is the publisher's display name (empty for the first
     * version, which came with the product).
     */
    public record Version(int version, String publishedByName, Instant publishedAt, String note, Map<Stage, Map<Role, Duty>> duties) {

        /** The roles holding a duty at a stage, in the chart's role order. */
        public List<Role> holding(Stage stage, Duty duty) {
            Map<Role, Duty> row = duties.getOrDefault(stage, Map.of());
            return ROLES.stream().filter(r -> row.get(r) == duty).toList();
        }

        public Optional<Duty> dutyOf(Stage stage, Role role) {
            return Optional.ofNullable(duties.getOrDefault(stage, Map.of()).get(role));
        }
    }
}
