package org.yekuo.workflow;

/**
 * The id of an order (an application's row id, the business key of its process), typed so that an order's id and a
 * node's cannot be swapped at the workflow's API. It lives here rather than with the applications (intake) because
 * intake sits above workflow; its JSON and its addresses stay the plain number.
 */
public record OrderId(long value) {

    public OrderId {
        if (value <= 0) {
            throw new IllegalArgumentException("An order id is a positive number, not " + value);
        }
    }

    /** The id as the engine's business key and the tables write it. */
    @Override
    public String toString() {
        return Long.toString(value);
    }
}
