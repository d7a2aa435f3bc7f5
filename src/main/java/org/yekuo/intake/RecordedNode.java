package org.yekuo.intake;

import java.util.List;

/** What a node recorded, field by field in its form's order, for the nodes that work from it. */
public record RecordedNode(String nodeCode, List<Field> fields) {

    /**
     * One recorded value; {@code valueKey} names a chosen option's or node's label (null for free text, numbers and dates),
     * {@code unit} a measurement's unit (null for everything else).
     */
    public record Field(String name, String value, String valueKey, String unit) {

        Field(String name, String value, String valueKey) {
            this(name, value, valueKey, null);
        }
    }

    public boolean isEmpty() {
        return fields.isEmpty();
    }
}
