package org.yekuo.document;

import org.yekuo.identity.CurrentUser;

/**
 * The orders that files are filed to, answered by the module that takes applications: this module keeps an order's
 * photos and drawings but not the order, and the order's module sits above this one, so it answers through this port.
 */
public interface FiledOrders {

    /** The order, for a reader whose data scope covers it (R-X-2); answered exactly as an unknown order for anyone else. */
    FiledOrder get(long orderId, CurrentUser user);
}
