package org.yekuo.intake;

import java.util.Arrays;
import java.util.List;

/**
 * What a node must record before the order passes on (R-DOC-2), for readers outside this module such as
 * the operating manual: the names of its required work-order fields, each labelled by the message
 * {@code intake.node-field.<name>}.
 */
public final class NodeOutputs {

    private NodeOutputs() {
    }

    /** The required fields of the node's form, in form order; none for an unknown node. */
    public static List<String> requiredFields(String nodeCode) {
        return Arrays.stream(NodeForm.values()).filter(f -> f.name().equals(nodeCode)).findFirst()
                .map(form -> form.fields().stream().filter(NodeForm.Field::required).map(NodeForm.Field::name).toList())
                .orElse(List.of());
    }
}
