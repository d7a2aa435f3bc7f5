package org.yekuo.deadline;

import java.time.Instant;
import java.util.Set;

/**
 * A node passed its deadline (it turned red and locked its order). Published once per node, in the
 * transaction of the sweep that found it, for listeners that urge reviewers or post notices.
 *
 * @param handler who signed for the node; null when nobody has yet, then {@code roles} say who may
 */
public record NodeOverdue(long orderId, String orderNo, String nodeCode, String taskId, Set<String> roles,
        String handler, Instant dueAt, Instant overdueAt) {
}
