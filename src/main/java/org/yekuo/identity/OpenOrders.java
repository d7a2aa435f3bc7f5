package org.yekuo.identity;

/**
 * The orders still open in a part of the org tree, which keep its units from closing. Implemented by the module that
 * owns orders; identity asks it without knowing orders.
 */
public interface OpenOrders {

    long within(DataScope scope);
}
