package org.yekuo.deadline;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.yekuo.catalogue.Catalogue;
import org.yekuo.catalogue.KeyNode;
import org.yekuo.catalogue.TimeLimit;
import org.yekuo.workflow.NodeCompleted;
import org.yekuo.workflow.NodeDeadlines;
import org.yekuo.workflow.NodeReached;
import org.yekuo.workflow.NodeSignedFor;
import org.yekuo.workflow.OrderLocks;
import org.yekuo.workflow.ProcessCancelled;

/**
 * Starts a node's clock when the process reaches it (the deadline from the order's catalogue version and
 * the calendar, R-SLA-1/2), records who signed for it and stops it when the node is done or the order
 * withdrawn; and tells the engine whether an order is locked. All inside the engine's transaction.
 */
@Component
class NodeClock implements NodeDeadlines, OrderLocks {

    private final DeadlineRows rows;
    private final OverdueLock lock;
    private final DueDates dueDates;
    private final Catalogue catalogue;
    private final Clock clock;

    NodeClock(DeadlineRows rows, OverdueLock lock, DueDates dueDates, Catalogue catalogue, Clock clock) {
        this.rows = rows;
        this.lock = lock;
        this.dueDates = dueDates;
        this.catalogue = catalogue;
        this.clock = clock;
    }

    @Override
    public Optional<Instant> reached(NodeReached node) {
        // A process started for no catalogue order has no limits to keep.
        if (node.typeCode() == null || node.typeVersion() == null) {
            return Optional.empty();
        }
        Optional<TimeLimit> limit = catalogue.version(node.typeCode(), node.typeVersion()).limitOf(KeyNode.valueOf(node.nodeCode()));
        if (limit.isEmpty()) {
            return Optional.empty();
        }
        Instant due = dueDates.due(limit.get(), node.reachedAt());
        rows.insert(new DeadlineRows.NewRow(node.orderId().value(), node.orderNo(), node.typeCode(), node.typeVersion(), node.nodeCode(),
                node.taskId().value(), node.roles(), node.orgPath(), node.reachedAt(), due,
                ThreeColourRule.yellowAt(due, node.reachedAt(), dueDates), dueDates.remindAt(due, node.reachedAt()),
                limit.get().unit().name()));
        return Optional.of(due);
    }

    /** Asked by the engine before a node of the order moves, in that transaction (see OverdueLock.holdsForMove). */
    @Override
    public boolean isLocked(long orderId) {
        return lock.holdsForMove(orderId);
    }

    @EventListener
    void on(NodeSignedFor event) {
        rows.signedFor(event.taskId().value(), event.handler(), event.handlerOrgUnitId(), event.signedForAt());
    }

    @EventListener
    void on(NodeCompleted event) {
        rows.completed(event.taskId().value(), event.completedAt());
    }

    @EventListener
    void on(ProcessCancelled event) {
        rows.cancelled(event.orderId().value(), clock.instant());
    }
}
