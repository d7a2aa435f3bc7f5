package org.yekuo.work.web;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.yekuo.deadline.NodeDeadline;
import org.yekuo.intake.Orders;
import org.yekuo.workflow.WorkItem;

/**
 * One line of the work page with what it shows joined to it beforehand: the node, its order's headline
 * (null when the order is out of the reader's reach) and its deadline (null when it has none).
 *
 * @param overdue a node without a deadline row whose engine due time has passed
 */
public record WorkLine(WorkItem item, Orders.OrderHeadline order, NodeDeadline deadline, boolean overdue) {

    static List<WorkLine> of(List<WorkItem> items, Map<Long, Orders.OrderHeadline> orders, Map<String, NodeDeadline> deadlines,
            Instant now) {
        return items.stream().map(item -> {
            NodeDeadline deadline = deadlines.get(item.taskId().value());
            return new WorkLine(item, item.orderId() == null ? null : orders.get(item.orderId().value()), deadline,
                    deadline == null && item.dueAt() != null && item.dueAt().isBefore(now));
        }).toList();
    }
}
