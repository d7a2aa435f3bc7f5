package org.yekuo.workflow;

import java.time.Instant;
import java.util.Set;

/**
 * An open node of an order as staff see it: who may take it, who signed for it and when, and
 * its due time. An item that nobody has signed for yet has a null {@code assignee}.
 */
public record WorkItem(String taskId, long orderId, String nodeCode, Set<String> roles, String assignee,
        Instant receivedAt, Instant signedForAt, Instant dueAt) {

    public boolean signedFor() {
        return assignee != null;
    }

    /** The same node with the roles it is offered to, as the work list's role rows have them. */
    WorkItem offeredTo(Set<String> offeredRoles) {
        return new WorkItem(taskId, orderId, nodeCode, offeredRoles, assignee, receivedAt, signedForAt, dueAt);
    }
}
