package org.yekuo.workflow;

/**
 * The id of an open or completed node of an order: the engine's task id, typed so that it cannot be taken for an
 * order's id at the workflow's API. Its JSON and its addresses stay the plain text.
 */
public record TaskId(String value) {

    public TaskId {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("A task id is not blank");
        }
    }

    /** The id as the engine and the tables write it. */
    @Override
    public String toString() {
        return value;
    }
}
