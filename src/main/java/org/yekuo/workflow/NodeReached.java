package org.yekuo.workflow;

import java.time.Instant;
import java.util.Set;

/**
 * An order's process reached a node: a task now waits for one of {@code roles} to sign for it. The
 * order's number, business type and catalogue version are null for a process started without an
 * {@link OrderReference} that names them (one that no catalogue limits apply to); the order id is never
 * null (every order process carries its order's id).
 */
public record NodeReached(OrderId orderId, String nodeCode, TaskId taskId, Set<String> roles, Instant reachedAt, String orderNo,
        String typeCode, Integer typeVersion, String orgPath) {
}
