package org.yekuo.workflow;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The id of an open or completed node of an order: the engine's task id, typed so that it cannot be taken for an
 * order's id at the workflow's API. Its JSON and its addresses stay the plain text: an event stored for a listener before
 * the events carried this type (a plain string) reads back as one, and the REST answers read as they did.
 */
public record TaskId(String value) {

    public TaskId {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("A task id is not blank");
        }
    }

    /** The id as JSON writes and reads it: the plain text. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static TaskId of(String value) {
        return new TaskId(value);
    }

    @JsonValue
    @Override
    public String value() {
        return value;
    }

    /** The id as the engine and the tables write it. */
    @Override
    public String toString() {
        return value;
    }
}
