package org.yekuo.stock;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.context.MessageSource;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.yekuo.audit.AuditTrail;
import org.yekuo.identity.OrgUnits;
import org.yekuo.identity.Role;
import org.yekuo.identity.StaffMember;
import org.yekuo.identity.StaffMembers;
import org.yekuo.notification.Notifications;
import org.yekuo.shared.Times;
import org.yekuo.workflow.StepClockRang;

/**
 * What the clerk's step clocks do when they ring, as for a node (R-COL-2, R-SLA-3/4): the reminder texts
 * the materials clerks covering the order; overdue locks the request and texts their department head;
 * escalation texts the leader in charge. Each moment is claimed once by a conditional update, so a timer
 * that runs twice, or on two application nodes, acts once.
 */
@Component
class StockStepAlarms {

    private static final Locale SMS_LOCALE = Locale.SIMPLIFIED_CHINESE;

    private final JdbcClient jdbc;
    private final StaffMembers staff;
    private final OrgUnits orgUnits;
    private final Notifications notifications;
    private final MessageSource messages;
    private final AuditTrail audit;
    private final Clock clock;

    StockStepAlarms(JdbcClient jdbc, StaffMembers staff, OrgUnits orgUnits, Notifications notifications, MessageSource messages,
            AuditTrail audit, Clock clock) {
        this.jdbc = jdbc;
        this.staff = staff;
        this.orgUnits = orgUnits;
        this.notifications = notifications;
        this.messages = messages;
        this.audit = audit;
        this.clock = clock;
    }

    @EventListener
    @Transactional
    void on(StepClockRang rang) {
        String step = switch (rang.kind()) {
            case StockRequests.CONFIRM_CLOCK -> "confirm";
            case StockRequests.ALTERNATIVE_CLOCK -> "alternative";
            default -> null;
        };
        if (step == null) {
            return;
        }
        String waiting = "confirm".equals(step) ? "PENDING" : "SHORT";
        String claim = step + "_" + switch (rang.moment()) {
            case REMINDER -> "reminded_at";
            case OVERDUE -> "overdue_at";
            case ESCALATION -> "escalated_at";
        };
        Instant now = clock.instant();
        // Only a step still waiting rings; the claim column makes the second run of the same timer a no-op.
        String lock = rang.moment() == StepClockRang.Moment.OVERDUE ? ", locked_at = coalesce(locked_at, :now)" : "";
        int claimed = jdbc.sql("update stock_request set " + claim + " = :now" + lock + " where id = :id and status = :status and "
                + claim + " is null").param("now", Timestamp.from(now)).param("id", rang.subjectId()).param("status", waiting).update();
        if (claimed == 0) {
            return;
        }
        record Request(String orderNo, String orgPath, Timestamp due) {
        }
        Request request = jdbc.sql("select order_no, org_path, " + ("confirm".equals(step) ? "confirm_due_at as due" : "alternative_due_at as due")
                + " from stock_request where id = ?").param(rang.subjectId()).query(Request.class).single();
        Set<StaffMember> recipients = new LinkedHashSet<>();
        var clerks = staff.withRoleCovering(Role.MATERIALS_CLERK, request.orgPath());
        switch (rang.moment()) {
            case REMINDER -> recipients.addAll(clerks);
            case OVERDUE -> clerks.stream().map(c -> orgUnits.departmentHeadOf(c.orgUnitId())).flatMap(Optional::stream)
                    .forEach(recipients::add);
            case ESCALATION -> recipients.addAll(staff.withRoleCovering(Role.LEADER, request.orgPath()));
        }
        String stepName = messages.getMessage("stock.step." + step, null, SMS_LOCALE);
        String due = Times.MINUTES.format(request.due().toInstant().atZone(clock.getZone()));
        String handler = clerks.isEmpty() ? messages.getMessage("deadline.sms.not-signed", null, SMS_LOCALE) : clerks.get(0).displayName();
        int sent = 0;
        for (StaffMember member : recipients) {
            Optional<String> mobile = staff.mobileOf(member.username());
            if (mobile.isEmpty()) {
                continue;
            }
            if (rang.moment() == StepClockRang.Moment.REMINDER) {
                notifications.sms(mobile.get(), "deadline-reminder", Map.of("number", request.orderNo(), "node", stepName, "due", due),
                        request.orderNo());
            } else {
                notifications.sms(mobile.get(), "deadline-overdue", Map.of("number", request.orderNo(), "node", stepName, "due", due,
                        "handler", Notifications.fit(handler)), request.orderNo());
            }
            sent++;
        }
        audit.record(StockAudit.stepRang(rang.moment()), "application", request.orderNo(),
                "step=" + step + " to=" + recipients.stream().map(StaffMember::username).toList() + " sms=" + sent);
    }
}
