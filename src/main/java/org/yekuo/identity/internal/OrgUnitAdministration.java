package org.yekuo.identity.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.yekuo.audit.AuditTrail;
import org.yekuo.identity.AccessRules;
import org.yekuo.identity.CurrentUser;
import org.yekuo.identity.OpenOrders;
import org.yekuo.identity.OrgUnit;
import org.yekuo.identity.OrgUnitMoved;
import org.yekuo.identity.OrgUnits;
import org.yekuo.shared.DomainException;
import org.yekuo.shared.DomainException.FieldProblem;

/**
 * What the system administrator does to the org-unit tree within their data scope: create, rename, move under another
 * parent and close units, each checked field by field and audited in the same transaction. A unit is closed, never
 * deleted — orders, audit records and reports still name it — and only when no enabled member of staff and no open
 * order remains in it or below it. A move rewrites the paths of the whole subtree, here and in every module that
 * copies them ({@link OrgUnitMoved}), in one transaction: data scope follows the move at once or not at all.
 */
@Service
@PreAuthorize(AccessRules.ADMIN)
public class OrgUnitAdministration {

    private final JdbcClient jdbc;
    private final OrgUnits orgUnits;
    private final AuditTrail audit;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final List<OpenOrders> openOrders;

    OrgUnitAdministration(JdbcClient jdbc, OrgUnits orgUnits, AuditTrail audit, Clock clock, ApplicationEventPublisher events,
            List<OpenOrders> openOrders) {
        this.jdbc = jdbc;
        this.orgUnits = orgUnits;
        this.audit = audit;
        this.clock = clock;
        this.events = events;
        this.openOrders = openOrders;
    }

    /** A new unit as the administrator enters it; every field may be missing or wrong. */
    public record NewOrgUnit(Long parentId, String code, String nameZh, String nameEn, OrgUnit.Kind kind) {
    }

    @Transactional
    public OrgUnit create(CurrentUser actor, NewOrgUnit unit) {
        List<FieldProblem> problems = new ArrayList<>(OrgUnitFields.check("", unit.code(), unit.nameZh(), unit.nameEn()));
        OrgUnit parent = null;
        if (unit.parentId() == null) {
            problems.add(new FieldProblem("parentId", "orgunit.parent.required"));
        } else {
            try {
                parent = openInScope(actor, unit.parentId(), "parentId");
            } catch (DomainException e) {
                problems.addAll(e.fieldProblems());
            }
        }
        if (unit.kind() == null || unit.kind() == OrgUnit.Kind.COMPANY) {
            problems.add(new FieldProblem("kind", "orgunit.kind.required"));
        }
        String code = OrgUnitFields.code(unit.code());
        if (problems.stream().noneMatch(p -> p.field().equals("code")) && codeTaken(code)) {
            problems.add(new FieldProblem("code", "orgunit.code.taken", code));
        }
        refuseIf(problems);
        jdbc.sql("insert into org_unit (code, name_zh, name_en, kind, parent_id, path) values (?, ?, ?, ?, ?, '/')")
                .params(code, unit.nameZh().trim(), unit.nameEn().trim(), unit.kind().name(), parent.id()).update();
        long id = jdbc.sql("select id from org_unit where code = ?").param(code).query(Long.class).single();
        jdbc.sql("update org_unit set path = ? where id = ?").params(parent.path() + id + "/", id).update();
        audit.record(IdentityAudit.ORG_UNIT_CREATED, "org-unit", code, "name=" + unit.nameZh().trim() + " parent=" + parent.code()
                + " unitKind=" + unit.kind().name());
        return orgUnits.byId(id).orElseThrow();
    }

    @Transactional
    public OrgUnit rename(CurrentUser actor, long id, String nameZh, String nameEn) {
        OrgUnit unit = inScope(actor, id);
        refuseIf(OrgUnitFields.checkNames("", nameZh, nameEn));
        jdbc.sql("update org_unit set name_zh = ?, name_en = ? where id = ?").params(nameZh.trim(), nameEn.trim(), id).update();
        audit.record(IdentityAudit.ORG_UNIT_RENAMED, "org-unit", unit.code(), "from=" + unit.nameZh() + " to=" + nameZh.trim());
        return orgUnits.byId(id).orElseThrow();
    }

    /** Puts the unit, with everything below it, under another open parent in the administrator's scope. */
    @Transactional
    public OrgUnit move(CurrentUser actor, long id, Long parentId) {
        OrgUnit unit = lockedInScope(actor, id);
        if (unit.parentId() == null) {
            throw DomainException.invalid("parentId", "orgunit.move.company");
        }
        if (parentId == null) {
            throw DomainException.invalid("parentId", "orgunit.parent.required");
        }
        OrgUnit parent = openInScope(actor, parentId, "parentId");
        if (parent.path().startsWith(unit.path())) {
            throw DomainException.invalid("parentId", "orgunit.move.into-itself");
        }
        if (parent.id() == unit.parentId()) {
            return unit;
        }
        // Lock the new parent too, so that it cannot be moved under this unit meanwhile (which would make a cycle).
        jdbc.sql("select id from org_unit where id = ? for update").param(parent.id()).query(Long.class).single();
        OrgUnit from = orgUnits.byId(unit.parentId()).orElseThrow();
        String newPath = parent.path() + unit.id() + "/";
        OrgUnitMoved moved = new OrgUnitMoved(unit.id(), unit.path(), newPath);
        jdbc.sql("update org_unit set parent_id = ? where id = ?").params(parent.id(), unit.id()).update();
        moved.rewrite(jdbc, "org_unit", "path");
        moved.rewrite(jdbc, "staff_change_request", "org_path");
        events.publishEvent(moved);
        audit.record(IdentityAudit.ORG_UNIT_MOVED, "org-unit", unit.code(), "from=" + from.code() + " to=" + parent.code());
        return orgUnits.byId(id).orElseThrow();
    }

    /** Closes the unit and everything below it, or says what still keeps it open. */
    @Transactional
    public OrgUnit close(CurrentUser actor, long id) {
        OrgUnit unit = lockedInScope(actor, id);
        if (unit.parentId() == null) {
            throw DomainException.conflict("orgunit.close.company");
        }
        if (unit.closed()) {
            return unit;
        }
        long staff = jdbc.sql("""
                select count(*) from staff s join org_unit u on u.id = s.org_unit_id where s.enabled and u.path like ?""")
                .param(unit.scope().likePattern()).query(Long.class).single();
        long orders = openOrders.stream().mapToLong(open -> open.within(unit.scope())).sum();
        if (staff > 0 || orders > 0) {
            throw DomainException.conflict("orgunit.close.blocked", staff, orders);
        }
        jdbc.sql("update org_unit set closed_at = ? where path like ? and closed_at is null")
                .params(Timestamp.from(clock.instant()), unit.scope().likePattern()).update();
        audit.record(IdentityAudit.ORG_UNIT_CLOSED, "org-unit", unit.code(), "");
        return orgUnits.byId(id).orElseThrow();
    }

    /** Enabled staff per unit of the administrator's scope, for the tree page. */
    @Transactional(readOnly = true)
    public java.util.Map<Long, Long> enabledStaff(CurrentUser actor) {
        java.util.Map<Long, Long> counts = new java.util.HashMap<>();
        jdbc.sql("""
                select s.org_unit_id, count(*) from staff s join org_unit u on u.id = s.org_unit_id
                where s.enabled and u.path like ? group by s.org_unit_id""")
                .param(actor.scope().likePattern())
                .query(rs -> {
                    counts.put(rs.getLong(1), rs.getLong(2));
                });
        return counts;
    }

    private boolean codeTaken(String code) {
        return jdbc.sql("select count(*) from org_unit where code = ?").param(code).query(Long.class).single() > 0;
    }

    /** Units outside the administrator's scope are answered as not found, so their existence stays hidden. */
    private OrgUnit inScope(CurrentUser actor, long id) {
        return orgUnits.byId(id).filter(unit -> actor.scope().includes(unit.path()))
                .orElseThrow(() -> DomainException.notFound("orgunit.not-found", id));
    }

    private OrgUnit lockedInScope(CurrentUser actor, long id) {
        jdbc.sql("select id from org_unit where id = ? for update").param(id).query(Long.class).optional();
        return inScope(actor, id);
    }

    private OrgUnit openInScope(CurrentUser actor, long id, String field) {
        OrgUnit unit = orgUnits.byId(id).filter(u -> actor.scope().includes(u.path()))
                .orElseThrow(() -> DomainException.invalid(field, "orgunit.parent.unknown"));
        if (unit.closed()) {
            throw DomainException.invalid(field, "orgunit.parent.closed");
        }
        if (unit.kind() == OrgUnit.Kind.TEAM) {
            throw DomainException.invalid(field, "orgunit.parent.team");
        }
        return unit;
    }

    private static void refuseIf(List<FieldProblem> problems) {
        if (!problems.isEmpty()) {
            throw new DomainException(HttpStatus.UNPROCESSABLE_CONTENT, problems, "validation.failed");
        }
    }
}
