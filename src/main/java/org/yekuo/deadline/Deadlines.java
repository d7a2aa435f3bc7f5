package org.yekuo.deadline;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.yekuo.audit.AuditTrail;
import org.yekuo.catalogue.BusinessTypeDefinition;
import org.yekuo.catalogue.Catalogue;
import org.yekuo.catalogue.TimeLimit;
import org.yekuo.catalogue.KeyNode;
import org.yekuo.catalogue.NodeDefinition;
import org.yekuo.identity.CurrentUser;
import org.yekuo.shared.DomainException;
import org.yekuo.workflow.OrderProcesses;
import org.yekuo.workflow.TaskId;

/**
 * The deadlines of orders' nodes for the pages and modules that show them, and the order's clock:
 * paused while the order waits for the customer's material and resumed, deadlines moved on by the
 * paused working time, when it arrives.
 */
@Service
@Transactional(readOnly = true)
public class Deadlines {

    private final DeadlineRows rows;
    private final OverdueLock lock;
    private final DueDates dueDates;
    private final Catalogue catalogue;
    private final OrderProcesses processes;
    private final AuditTrail audit;
    private final DelayExplanations explanations;
    private final Clock clock;

    Deadlines(DeadlineRows rows, OverdueLock lock, DueDates dueDates, Catalogue catalogue, OrderProcesses processes,
            AuditTrail audit, DelayExplanations explanations, Clock clock) {
        this.explanations = explanations;
        this.rows = rows;
        this.lock = lock;
        this.dueDates = dueDates;
        this.catalogue = catalogue;
        this.processes = processes;
        this.audit = audit;
        this.clock = clock;
    }

    /** The deadline of a node with {@code limit} reached at {@code from}, on the working-day calendar. */
    public Instant dueAfter(TimeLimit limit, Instant from) {
        return dueDates.due(limit, from);
    }

    /** When a node with {@code limit} reached at {@code reachedAt} is due, turns yellow and reminds its handler (R-SLA-1/3/4). */
    public NodeSchedule scheduleOf(TimeLimit limit, Instant reachedAt) {
        Instant due = dueDates.due(limit, reachedAt);
        return new NodeSchedule(due, ThreeColourRule.yellowAt(due, reachedAt, dueDates), dueDates.remindAt(due, reachedAt));
    }

    /** A node's deadline and the moments before it when it turns yellow and its handler is reminded. */
    public record NodeSchedule(Instant dueAt, Instant yellowAt, Instant remindAt) {
    }

    /** Every node of the order that has a deadline, in the order reached, open ones included. */
    public List<NodeDeadline> ofOrder(long orderId) {
        return rows.ofOrder(orderId);
    }

    /** The order's deadlines and delay explanations as {@code user} sees them on the order page. */
    public OrderDeadlines ofOrder(long orderId, CurrentUser user) {
        List<NodeDeadline> nodes = rows.ofOrder(orderId);
        if (!nodes.isEmpty() && !user.scope().includes(nodes.get(0).orgPath())) {
            // As for the order itself: no hint that it exists outside the reader's scope.
            throw DomainException.notFound("deadline.order.not-found", orderId);
        }
        List<DelayExplanation> filed = explanations.ofOrder(orderId);
        Set<Long> explainable = nodes.stream()
                .filter(n -> n.locked() && DelayExplanations.mayExplain(n, user)
                        && filed.stream().noneMatch(e -> e.deadlineId() == n.id() && e.status() == ExplanationStatus.PENDING))
                .map(NodeDeadline::id).collect(Collectors.toSet());
        boolean inCharge = !nodes.isEmpty() && DelayExplanations.inCharge(nodes.get(0).orgPath(), user);
        return new OrderDeadlines(nodes, filed, explainable, inCharge);
    }

    /** The deadlines of these node tasks, by task id; tasks without one are left out. */
    public Map<String, NodeDeadline> ofTasks(Collection<String> taskIds) {
        return rows.ofTasks(taskIds).stream().collect(Collectors.toMap(NodeDeadline::taskId, Function.identity()));
    }

    /**
     * Where each of these orders stands on time, by order id, in one query for a list page; orders with no
     * open node (done, cancelled, or not started) are left out.
     */
    public Map<Long, OrderColour> colours(Collection<Long> orderIds) {
        return rows.openOfOrders(orderIds).stream().collect(Collectors.groupingBy(NodeDeadline::orderId)).values().stream()
                .map(OrderColour::of).collect(Collectors.toMap(OrderColour::orderId, Function.identity()));
    }

    public boolean isLocked(long orderId) {
        return lock.holds(orderId);
    }

    /**
     * Stops the clock of the order's open nodes: it waits for the customer, not for the utility. {@code reason}
     * says what for (the materials missing), for the customer's clock on the progress page.
     */
    @Transactional
    public void pause(long orderId, String reason) {
        List<NodeDeadline> open = rows.openOfOrder(orderId);
        Instant now = clock.instant();
        if (rows.pause(orderId, now) > 0) {
            rows.pauseStarted(orderId, open.get(0).nodeCode(), reason, now);
            audit.record(DeadlineAudit.PAUSED, "application", open.get(0).orderNo(),
                    "nodes=" + open.stream().map(NodeDeadline::nodeCode).toList());
        }
    }

    /** Each time the order's clock stood still for the customer, the first first; the last may still run. */
    public List<ClockPause> pausesOf(long orderId) {
        return rows.pausesOf(orderId);
    }

    /** Restarts the clock: each paused node's deadline moves on by the working time the pause lasted. */
    @Transactional
    public void resume(long orderId) {
        Instant now = clock.instant();
        rows.pauseEnded(orderId, now);
        for (NodeDeadline node : rows.openOfOrder(orderId)) {
            if (!node.paused()) {
                continue;
            }
            Instant due = dueDates.shifted(node.dueAt(), node.limitUnit(), node.pausedSince(), now);
            long seconds = Math.max(0, Duration.between(node.pausedSince(), now).toSeconds());
            if (rows.resume(node.id(), node.pausedSince(), seconds, due, ThreeColourRule.yellowAt(due, node.reachedAt(), dueDates),
                    dueDates.remindAt(due, node.reachedAt()))) {
                processes.changeDueDate(new TaskId(node.taskId()), due);
                audit.record(DeadlineAudit.RESUMED, "application", node.orderNo(),
                        "node=" + node.nodeCode() + " pausedSeconds=" + seconds + " due=" + due);
            }
        }
    }

    /**
     * When the order should be done (R-SLA-8): from the latest deadline of its open nodes (moved on by
     * the pause so far, when paused), each node of the plan not reached yet takes its full limit in turn.
     */
    public Optional<ExpectedCompletion> expectedCompletion(long orderId) {
        List<NodeDeadline> open = rows.openOfOrder(orderId);
        if (open.isEmpty()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        NodeDeadline first = open.get(0);
        BusinessTypeDefinition plan = catalogue.version(first.typeCode(), first.typeVersion());
        Instant cursor = open.stream().map(n -> n.paused() ? dueDates.shifted(n.dueAt(), n.limitUnit(), n.pausedSince(), now) : n.dueAt())
                .max(Instant::compareTo).orElseThrow();
        int furthest = open.stream().mapToInt(n -> plan.positionOf(KeyNode.valueOf(n.nodeCode()))).max().orElse(-1);
        List<NodeDefinition> nodes = plan.nodes();
        boolean provisional = false;
        for (int i = furthest + 1; i < nodes.size(); i++) {
            cursor = dueDates.due(nodes.get(i).limit(), cursor);
            provisional |= dueDates.isProvisional(dueDates.dateOf(cursor));
        }
        LocalDate date = dueDates.dateOf(cursor);
        return Optional.of(new ExpectedCompletion(date, provisional || dueDates.isProvisional(date),
                open.stream().anyMatch(NodeDeadline::paused)));
    }
}
