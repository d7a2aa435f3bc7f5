package org.yekuo.workflow;

import java.time.Instant;
import java.util.Optional;

/**
 * The port through which the engine learns a node's deadline when the node is reached; implemented
 * by the module that owns time limits, so that the workflow module needs no catalogue or calendar.
 */
public interface NodeDeadlines {

    Optional<Instant> dueFor(long orderId, String nodeCode, Instant reachedAt);
}
