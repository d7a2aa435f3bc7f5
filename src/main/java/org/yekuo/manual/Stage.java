package org.yekuo.manual;

import java.util.List;

import org.yekuo.catalogue.Material;
import org.yekuo.catalogue.NodeDefinition;

/**
 * A stage of a chapter: the node with its time limit, the materials it takes in (due at acceptance, or by
 * this node when deferred), what it must record before the order moves on, and the notes written for it.
 *
 * @param outputFields the names of the work-order fields the node must record (R-DOC-2)
 */
public record Stage(NodeDefinition node, List<Material> inputs, List<String> outputFields, List<ManualNote> notes) {

    public Stage {
        inputs = List.copyOf(inputs);
        outputFields = List.copyOf(outputFields);
        notes = List.copyOf(notes);
    }
}
