package org.yekuo.workflow;

import java.time.Instant;
import java.util.Set;

/**
 * An open node of an order as staff see it: who may take it, who signed for it and when, and
 * its due time. An item that nobody has signed for yet has a null {@code assignee}. {@code orderId} is null only for a
 * node of a process that runs for no order (the work list records its order as -1): every order's process carries its
 * order's id. Its JSON keeps the plain forms: {@code taskId} a string, {@code orderId} a number.
 */
public record WorkItem(TaskId taskId, OrderId orderId, String nodeCode, Set<String> roles, String assignee,
        Instant receivedAt, Instant signedForAt, Instant dueAt) {

    public boolean signedFor() {
        return assignee != null;
    }

    /** The same node with the roles it is offered to, as the work list's role rows have them. */
    WorkItem offeredTo(Set<String> offeredRoles) {
        return new WorkItem(taskId, orderId, nodeCode, offeredRoles, assignee, receivedAt, signedForAt, dueAt);
    }
}
