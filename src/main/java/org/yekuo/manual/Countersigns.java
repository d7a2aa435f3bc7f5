package org.yekuo.manual;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.yekuo.audit.AuditTrail;
import org.yekuo.identity.CurrentUser;
import org.yekuo.identity.Role;
import org.yekuo.identity.StaffMember;
import org.yekuo.identity.StaffMembers;
import org.yekuo.intake.Application;
import org.yekuo.intake.Orders;
import org.yekuo.manual.internal.ManualRecords;
import org.yekuo.notification.Notifications;
import org.yekuo.shared.DomainException;
import org.yekuo.workflow.OpenNodes;
import org.yekuo.workflow.TaskId;
import org.yekuo.workflow.WorkItem;

/**
 * Countersigns of uncertified handling (R-STD-2): an uncertified member of staff who holds a node's role asks a
 * colleague who holds it too and is certified for the order's business type; once the colleague approves, the
 * uncertified one may sign for that node, and the board shows the handling as countersigned. The colleague asked is
 * texted and finds the request on the workbench.
 */
@Service
@Transactional(readOnly = true)
public class Countersigns {

    private static final String COLUMNS = "id, task_id, order_id, node_code, type_code, handler, co_handler, requested_at, decided_at, approved";

    private final JdbcClient jdbc;
    private final OpenNodes nodes;
    private final Orders orders;
    private final StaffMembers staff;
    private final Certifications certifications;
    private final AuditTrail audit;
    private final Notifications notifications;
    private final MessageSource messages;
    private final Clock clock;

    Countersigns(JdbcClient jdbc, OpenNodes nodes, Orders orders, StaffMembers staff, Certifications certifications,
            AuditTrail audit, Notifications notifications, MessageSource messages, Clock clock) {
        this.notifications = notifications;
        this.messages = messages;
        this.jdbc = jdbc;
        this.nodes = nodes;
        this.orders = orders;
        this.staff = staff;
        this.certifications = certifications;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Asks {@code coHandler} to countersign the handler's sign-for of the node. Refused when the handler holds
     * none of the node's roles or is certified already, or when the co-handler is the handler, holds none of the
     * roles, cannot see the order or is not certified for its type. Asking again hands back the open request.
     */
    @Transactional
    public Countersign request(String taskId, String coHandler, CurrentUser handler) {
        WorkItem item = nodes.openItem(new TaskId(taskId));
        Application order = orders.find(item.orderId().value()).orElseThrow(() -> DomainException.notFound("workflow.task.not-found", taskId));
        String typeCode = order.planTypeCode();
        if (item.roles().stream().noneMatch(r -> handler.roles().stream().anyMatch(h -> h.name().equals(r)))
                || !handler.scope().includes(order.orgPath())) {
            throw DomainException.forbidden("workflow.task.not-yours");
        }
        if (certifications.valid(handler.username(), typeCode).isPresent()) {
            throw DomainException.conflict("manual.countersign.not-needed");
        }
        Optional<Countersign> open = find("task_id = ? and handler = ? and decided_at is null", taskId, handler.username());
        if (open.isPresent()) {
            return open.get();
        }
        String wanted = coHandler == null ? "" : coHandler.strip();
        StaffMember co = staff.byUsername(wanted).filter(StaffMember::enabled)
                .orElseThrow(() -> DomainException.invalid("coHandler", "manual.countersign.co-handler-unknown", wanted));
        if (co.username().equals(handler.username())) {
            throw DomainException.invalid("coHandler", "manual.countersign.self");
        }
        boolean covers = item.roles().stream().map(Role::valueOf)
                .anyMatch(r -> staff.withRoleCovering(r, order.orgPath()).stream().anyMatch(m -> m.username().equals(co.username())));
        if (!covers) {
            throw DomainException.invalid("coHandler", "manual.countersign.co-handler-role", co.displayName());
        }
        if (certifications.valid(co.username(), typeCode).isEmpty()) {
            throw DomainException.invalid("coHandler", "manual.countersign.co-handler-uncertified", co.displayName());
        }
        long id = ManualRecords.insert(jdbc, """
                insert into manual_countersign (task_id, order_id, node_code, type_code, handler, co_handler, requested_at, org_path)
                values (?, ?, ?, ?, ?, ?, ?, ?)""", taskId, item.orderId().value(), item.nodeCode(), typeCode, handler.username(), co.username(), Timestamp.from(clock.instant()),
                        order.orgPath());
        // The co-handler learns of it at once, as staff learn of other work that waits on them: by SMS, and on the workbench.
        boolean texted = staff.mobileOf(co.username()).map(mobile -> notifications.sms(mobile, "countersign-requested", Map.of(
                "number", order.orderNo(), "node", messages.getMessage("catalogue.node." + item.nodeCode(), null, item.nodeCode(),
                        Locale.SIMPLIFIED_CHINESE), "handler", staff.displayNames(List.of(handler.username())).getOrDefault(
                        handler.username(), handler.username())), order.orderNo())).isPresent();
        audit.record(ManualAudit.COUNTERSIGN_REQUESTED, "application", order.orderNo(), "node=" + item.nodeCode() + " to=" + co.username()
                + " sms=" + texted);
        return find("id = ?", id).orElseThrow();
    }

    /** The co-handler approves or declines; only the one asked, only once, and only while still certified. */
    @Transactional
    public Countersign decide(long id, boolean approve, CurrentUser coHandler) {
        Countersign countersign = find("id = ? and co_handler = ?", id, coHandler.username())
                .orElseThrow(() -> DomainException.notFound("manual.countersign.not-found", id));
        if (!countersign.pending()) {
            throw DomainException.conflict("manual.countersign.decided", id);
        }
        if (approve && certifications.valid(coHandler.username(), countersign.typeCode()).isEmpty()) {
            throw DomainException.conflict("manual.countersign.co-handler-lapsed");
        }
        jdbc.sql("update manual_countersign set decided_at = ?, approved = ? where id = ? and decided_at is null")
                .params(Timestamp.from(clock.instant()), approve, id).update();
        audit.record(approve ? ManualAudit.COUNTERSIGN_APPROVED : ManualAudit.COUNTERSIGN_DECLINED, "manual-countersign", String.valueOf(id),
                "node=" + countersign.nodeCode() + " handler=" + countersign.handler());
        return find("id = ?", id).orElseThrow();
    }

    /** Whether the co-handler approved the handler's sign-for of this node. */
    public boolean approved(String taskId, String handler) {
        return find("task_id = ? and handler = ? and approved", taskId, handler).isPresent();
    }

    /** Requests waiting for the co-handler's decision, oldest first. */
    public List<Countersign> waitingFor(CurrentUser coHandler) {
        return list("co_handler = ? and decided_at is null order by requested_at, id", coHandler.username());
    }

    /** The handler's own requests, newest first. */
    public List<Countersign> requestedBy(CurrentUser handler) {
        return list("handler = ? order by requested_at desc, id desc limit 50", handler.username());
    }

    /** Countersigned (uncertified) handling on orders in the reader's scope, newest first. */
    public List<Countersign> handledUncertified(CurrentUser reader) {
        return list("approved and org_path like ? order by decided_at desc, id desc limit 200", reader.scope().likePattern());
    }

    private Optional<Countersign> find(String where, Object... params) {
        return list(where, params).stream().findFirst();
    }

    private List<Countersign> list(String where, Object... params) {
        return jdbc.sql("select " + COLUMNS + " from manual_countersign where " + where).params(params).query(Countersigns::row).list();
    }

    private static Countersign row(ResultSet rs, int n) throws SQLException {
        Timestamp decided = rs.getTimestamp(9);
        return new Countersign(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4), rs.getString(5), rs.getString(6),
                rs.getString(7), rs.getTimestamp(8).toInstant(), decided == null ? null : decided.toInstant(),
                (Boolean) rs.getObject(10, Boolean.class));
    }
}
