package org.yekuo.workflow;

import java.time.Instant;

/** A member of staff signed for (received) an order's node: from now on it is theirs to handle. */
public record NodeSignedFor(OrderId orderId, String nodeCode, TaskId taskId, String handler, long handlerOrgUnitId,
        Instant signedForAt) {
}
