package org.yekuo.deadline;

import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSource;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.yekuo.audit.AuditTrail;
import org.yekuo.identity.OrgUnits;
import org.yekuo.identity.Role;
import org.yekuo.identity.StaffMember;
import org.yekuo.identity.StaffMembers;
import org.yekuo.notification.Notifications;
import org.yekuo.shared.Times;

/**
 * Watches deadlines on every application node (R-SLA-3/4): marks nodes that turned yellow, reminds the
 * handler one working day before a deadline, and at the deadline warns the department head, locks the
 * order ({@link OverdueLock}) and announces {@link NodeOverdue}. State lives in {@code node_deadline} only: each row is
 * claimed by a conditional update in its own transaction together with its SMS (outbox), audit record
 * and event, so across nodes and restarts each reminder and each warning goes out exactly once. The
 * scans read indexed "unclaimed and due" predicates in batches, so a run costs what is due, not what is
 * open.
 */
@Component
public class DeadlineSweep implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(DeadlineSweep.class);
    private static final Locale SMS_LOCALE = Locale.SIMPLIFIED_CHINESE;

    private final DeadlineRows rows;
    private final OverdueLock lock;
    private final TransactionTemplate transactions;
    private final Notifications notifications;
    private final StaffMembers staff;
    private final OrgUnits orgUnits;
    private final AuditTrail audit;
    private final ApplicationEventPublisher events;
    private final MessageSource messages;
    private final DeadlineProperties properties;
    private final Clock clock;

    DeadlineSweep(DeadlineRows rows, OverdueLock lock, TransactionTemplate transactions, Notifications notifications,
            StaffMembers staff, OrgUnits orgUnits, AuditTrail audit, ApplicationEventPublisher events, MessageSource messages,
            DeadlineProperties properties, Clock clock) {
        this.rows = rows;
        this.lock = lock;
        this.transactions = transactions;
        this.notifications = notifications;
        this.staff = staff;
        this.orgUnits = orgUnits;
        this.audit = audit;
        this.events = events;
        this.messages = messages;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        if (properties.sweepEnabled()) {
            registrar.addFixedDelayTask(this::sweepLogged, properties.sweepInterval());
        }
    }

    /** What one sweep did: nodes marked yellow, handlers reminded, nodes found overdue (and locked). */
    public record Result(int turnedYellow, int reminded, int overdue) {
    }

    /** Handles everything due now, batch by batch; safe to run on several nodes at once. */
    public Result sweep() {
        Instant now = clock.instant();
        int yellow = step(max -> rows.dueToTurnYellow(now, max), rows::claimYellow, this::turnedYellow, now);
        int reminded = step(max -> rows.dueForReminder(now, max), rows::claimReminder, this::remind, now);
        int overdue = step(max -> lock.due(now, max), lock::lock, this::overdue, now);
        return new Result(yellow, reminded, overdue);
    }

    private void sweepLogged() {
        try {
            Result result = sweep();
            if (result.reminded() + result.overdue() > 0) {
                log.info("Deadline sweep: {} turned yellow, {} reminded, {} overdue", result.turnedYellow(), result.reminded(),
                        result.overdue());
            }
        } catch (RuntimeException e) {
            // The next run picks up whatever this one left: nothing was claimed without its effects.
            log.warn("Deadline sweep failed, will retry on the next run", e);
        }
    }

    private interface Batch {
        List<Long> next(int max);
    }

    /**
     * Claims due rows one transaction each until a batch comes back short. A row whose effect fails stays
     * unclaimed for the next run and does not hold up the others; a batch in which nothing could be
     * claimed ends the step, so such rows never spin the loop.
     */
    private int step(Batch batch, BiPredicate<Long, Instant> claim, Consumer<NodeDeadline> effect, Instant now) {
        int done = 0;
        while (true) {
            List<Long> ids = batch.next(properties.batchSize());
            int claimedNow = 0;
            for (long id : ids) {
                try {
                    Boolean claimed = transactions.execute(status -> {
                        if (!claim.test(id, now)) {
                            return false;
                        }
                        effect.accept(rows.find(id).orElseThrow());
                        return true;
                    });
                    if (Boolean.TRUE.equals(claimed)) {
                        claimedNow++;
                    }
                } catch (RuntimeException e) {
                    log.warn("Node deadline {} could not be handled, will retry on the next run", id, e);
                }
            }
            done += claimedNow;
            if (ids.size() < properties.batchSize() || claimedNow == 0) {
                return done;
            }
        }
    }

    private void turnedYellow(NodeDeadline node) {
        audit.record(DeadlineAudit.TURNED_YELLOW, "application", node.orderNo(), "node=" + node.nodeCode() + " due=" + node.dueAt());
    }

    /** One working day before: the handler, or while nobody has signed for the node, whoever may. */
    private void remind(NodeDeadline node) {
        Set<String> recipients = new LinkedHashSet<>();
        if (node.handler() != null) {
            recipients.add(node.handler());
        } else {
            for (Role role : rolesOf(node)) {
                staff.withRoleCovering(role, node.orgPath()).stream().map(StaffMember::username).forEach(recipients::add);
            }
        }
        int sent = 0;
        for (String username : recipients) {
            Optional<String> mobile = staff.mobileOf(username);
            if (mobile.isPresent()) {
                notifications.sms(mobile.get(), "deadline-reminder", Map.of("number", node.orderNo(), "node", nodeName(node),
                        "due", Times.MINUTES.format(node.dueAt().atZone(clock.getZone()))), node.orderNo());
                sent++;
            }
        }
        audit.record(DeadlineAudit.REMINDED, "application", node.orderNo(),
                "node=" + node.nodeCode() + " to=" + recipients + " sms=" + sent);
    }

    /** The deadline passed: warn the department head, lock the order and say so once (R-SLA-3/4). */
    private void overdue(NodeDeadline node) {
        long unit = node.handlerOrgUnitId() != null ? node.handlerOrgUnitId() : stationOf(node.orgPath());
        Optional<StaffMember> head = orgUnits.departmentHeadOf(unit);
        Optional<String> mobile = head.flatMap(h -> staff.mobileOf(h.username()));
        String handler = node.handler() == null ? messages.getMessage("deadline.sms.not-signed", null, SMS_LOCALE)
                : staff.byUsername(node.handler()).map(StaffMember::displayName).orElse(node.handler());
        mobile.ifPresent(phone -> notifications.sms(phone, "deadline-overdue", Map.of("number", node.orderNo(),
                "node", Notifications.fit(nodeAndRoles(node)), "due", Times.MINUTES.format(node.dueAt().atZone(clock.getZone())), "handler",
                Notifications.fit(handler)), node.orderNo()));
        audit.record(DeadlineAudit.OVERDUE, "application", node.orderNo(), "node=" + node.nodeCode() + " due=" + node.dueAt()
                + " locked=true head=" + head.map(StaffMember::username).orElse("-") + " sms=" + mobile.isPresent());
        // Red once per node: a node that misses a deadline a leader moved locks again, but is not announced twice.
        if (!lock.wasLiftedBefore(node.id())) {
            events.publishEvent(new NodeOverdue(node.orderId(), node.orderNo(), node.nodeCode(), node.taskId(), node.roles(),
                    node.handler(), node.dueAt(), node.escalatedAt()));
        }
    }

    private Set<Role> rolesOf(NodeDeadline node) {
        Set<Role> roles = new LinkedHashSet<>();
        for (String name : node.roles()) {
            Arrays.stream(Role.values()).filter(r -> r.name().equals(name)).forEach(roles::add);
        }
        return roles;
    }

    private String nodeName(NodeDeadline node) {
        return messages.getMessage("catalogue.node." + node.nodeCode(), null, node.nodeCode(), SMS_LOCALE);
    }

    /**
     * The node with the roles it waits for ("部门会签（营销审查员）"): a head whose departments review one order in
     * parallel gets one text per department, and each must say which.
     */
    private String nodeAndRoles(NodeDeadline node) {
        String roles = rolesOf(node).stream().map(role -> messages.getMessage(role.messageKey(), null, SMS_LOCALE))
                .collect(Collectors.joining("、"));
        return roles.isEmpty() ? nodeName(node) : messages.getMessage("deadline.sms.node-for", new Object[] {nodeName(node), roles}, SMS_LOCALE);
    }

    /** The order's station: the last unit of its org path. */
    private static long stationOf(String orgPath) {
        String[] parts = orgPath.split("/");
        return Long.parseLong(parts[parts.length - 1]);
    }
}
