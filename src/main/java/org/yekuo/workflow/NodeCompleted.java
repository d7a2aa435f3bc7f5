package org.yekuo.workflow;

import java.time.Instant;

/** A member of staff completed an order's node. */
public record NodeCompleted(long orderId, String nodeCode, String taskId, String completedBy, Instant completedAt) {
}
