package org.yekuo.workflow;

import java.time.Instant;

/**
 * An order's node was completed: by the member of staff who signed for it ({@code completedBy}), or on another
 * system's report (then nobody). Announced by the engine's task listener in the completing transaction, whichever
 * way the node was completed. {@code orderNo} is null for a process started for no order.
 */
public record NodeCompleted(long orderId, String nodeCode, String taskId, String completedBy, Instant completedAt,
        String orderNo) {
}
