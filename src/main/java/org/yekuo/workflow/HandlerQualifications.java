package org.yekuo.workflow;

import org.yekuo.identity.CurrentUser;

/**
 * The port through which the engine asks, before a member of staff signs for a node, whether they may handle
 * that node's business type (R-STD-2: only the certified work alone); implemented by the module that certifies
 * staff. A process that runs for no business type asks nothing.
 */
public interface HandlerQualifications {

    /** Refuses, with the reason and what to do, unless {@code user} may sign for the node of {@code typeCode}. */
    void requireQualified(long orderId, String taskId, String nodeCode, String typeCode, CurrentUser user);
}
