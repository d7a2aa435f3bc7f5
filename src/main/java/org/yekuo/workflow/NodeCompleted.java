package org.yekuo.workflow;

import java.time.Instant;

/**
 * An order's node was completed: by the member of staff who signed for it ({@code completedBy}), or on another
 * system's report (then nobody). Announced by the engine's task listener in the completing transaction, whichever
 * way the node was completed. {@code orderNo} is null for a process started without an order's number; the order id is
 * never null (every order process carries its order's id).
 */
public record NodeCompleted(OrderId orderId, String nodeCode, TaskId taskId, String completedBy, Instant completedAt,
        String orderNo) {
}
