package org.yekuo.workflow;

import org.yekuo.identity.CurrentUser;

/**
 * The port through which a node's completion, and a stock step's, asks whether something the member of staff
 * must first acknowledge on the order stands in the way (R-COL-7: a scheme changed after they worked from it);
 * implemented by the module that tracks it.
 */
public interface CompletionGate {

    /** Refuses, with what to acknowledge and where, unless {@code user} may complete work on the order now. */
    void requireClear(long orderId, CurrentUser user);
}
