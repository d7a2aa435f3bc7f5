package org.yekuo.workflow;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The id of an order (an application's row id, the business key of its process), typed so that an order's id and a
 * node's cannot be swapped at the workflow's API. It lives here rather than with the applications (intake) because
 * intake sits above workflow. Its JSON and its addresses stay the plain number: an event stored for a listener before the
 * events carried this type (a plain number) reads back as one, and the REST answers read as they did.
 */
public record OrderId(long value) {

    public OrderId {
        if (value <= 0) {
            throw new IllegalArgumentException("An order id is a positive number, not " + value);
        }
    }

    /** The id as JSON writes and reads it: the plain number. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static OrderId of(long value) {
        return new OrderId(value);
    }

    @JsonValue
    @Override
    public long value() {
        return value;
    }

    /** The id as the engine's business key and the tables write it. */
    @Override
    public String toString() {
        return Long.toString(value);
    }
}
