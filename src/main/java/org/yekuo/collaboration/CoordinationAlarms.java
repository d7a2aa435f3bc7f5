package org.yekuo.collaboration;

import java.sql.Timestamp;
import java.time.Clock;
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
import org.yekuo.identity.DataScope;
import org.yekuo.identity.OrgUnits;
import org.yekuo.identity.Role;
import org.yekuo.identity.StaffMember;
import org.yekuo.identity.StaffMembers;
import org.yekuo.notification.Notifications;
import org.yekuo.shared.Times;
import org.yekuo.workflow.StepClockRang;

/**
 * What a question's clock does when it rings (R-COL-3), with the node templates: the reminder texts the
 * department asked; overdue texts its head; escalation texts the leader in charge. Each moment is claimed by
 * a conditional update while the question is still open, so it acts once across application nodes and reruns.
 */
@Component
class CoordinationAlarms {

    private static final Locale SMS_LOCALE = Locale.SIMPLIFIED_CHINESE;

    private final JdbcClient jdbc;
    private final StaffMembers staff;
    private final OrgUnits orgUnits;
    private final Notifications notifications;
    private final MessageSource messages;
    private final AuditTrail audit;
    private final Clock clock;

    CoordinationAlarms(JdbcClient jdbc, StaffMembers staff, OrgUnits orgUnits, Notifications notifications, MessageSource messages,
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
        if (!Coordination.CLOCK.equals(rang.kind())) {
            return;
        }
        String claim = switch (rang.moment()) {
            case REMINDER -> "reminded_at";
            case OVERDUE -> "overdue_at";
            case ESCALATION -> "escalated_at";
        };
        int claimed = jdbc.sql("update coordination_question set " + claim + " = ? where id = ? and status = 'OPEN' and " + claim
                + " is null").params(Timestamp.from(clock.instant()), rang.subjectId()).update();
        if (claimed == 0) {
            return;
        }
        record Row(String orderNo, String orgPath, long departmentId, String departmentPath, Timestamp dueAt) {
        }
        Row question = jdbc.sql("select order_no, org_path, department_id, department_path, due_at from coordination_question where id = ?")
                .param(rang.subjectId()).query(Row.class).single();
        String department = orgUnits.byId(question.departmentId()).map(u -> u.name(SMS_LOCALE)).orElse("-");
        Set<StaffMember> recipients = new LinkedHashSet<>();
        switch (rang.moment()) {
            case REMINDER -> {
                for (Role role : Role.values()) {
                    recipients.addAll(staff.withRole(role, new DataScope(question.departmentPath())));
                }
            }
            case OVERDUE -> orgUnits.departmentHeadOf(question.departmentId()).ifPresent(recipients::add);
            case ESCALATION -> recipients.addAll(staff.withRoleCovering(Role.LEADER, question.orgPath()));
        }
        String step = messages.getMessage("collaboration.sms.step", null, SMS_LOCALE);
        String due = Times.MINUTES.format(question.dueAt().toInstant().atZone(clock.getZone()));
        int sent = 0;
        for (StaffMember member : recipients) {
            Optional<String> mobile = staff.mobileOf(member.username());
            if (mobile.isEmpty()) {
                continue;
            }
            if (rang.moment() == StepClockRang.Moment.REMINDER) {
                notifications.sms(mobile.get(), "deadline-reminder", Map.of("number", question.orderNo(), "node", step, "due", due),
                        question.orderNo());
            } else {
                notifications.sms(mobile.get(), "deadline-overdue", Map.of("number", question.orderNo(), "node", step, "due", due,
                        "handler", Notifications.fit(department)), question.orderNo());
            }
            sent++;
        }
        audit.record(CollaborationAudit.questionRang(rang.moment()), "application", question.orderNo(),
                "thread=" + rang.subjectId() + " to=" + recipients.stream().map(StaffMember::username).toList() + " sms=" + sent);
    }
}
