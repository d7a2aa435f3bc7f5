package org.yekuo.workflow;

/**
 * The port through which the engine asks whether an order is locked (an overdue node waits for an
 * approved delay explanation, R-SLA-4); implemented by the module that owns deadlines. A locked order's
 * nodes can be neither signed for nor completed.
 */
public interface OrderLocks {

    boolean isLocked(long orderId);
}
