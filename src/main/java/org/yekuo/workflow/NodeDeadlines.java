package org.yekuo.workflow;

import java.time.Instant;
import java.util.Optional;

/**
 * The port through which the engine tells the module that owns time limits that a node was reached,
 * before anyone else hears of it, and learns the node's deadline for the task's due date; so the
 * workflow module needs no catalogue or calendar, and the node's clock is running before any listener
 * of {@link NodeReached} acts on it (suspends the order, for instance).
 */
public interface NodeDeadlines {

    Optional<Instant> reached(NodeReached node);
}
