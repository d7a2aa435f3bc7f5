package org.yekuo.workflow;

import java.time.Instant;
import java.util.Set;

/** An order's process reached a node: a task now waits for one of {@code roles} to sign for it. */
public record NodeReached(long orderId, String nodeCode, String taskId, Set<String> roles, Instant reachedAt) {
}
