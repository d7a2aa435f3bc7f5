package org.yekuo.catalogue;

import java.util.Objects;

/** One node of a business type with its time limit. */
public record NodeDefinition(KeyNode node, TimeLimit limit) {

    public NodeDefinition {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(limit, "limit");
    }
}
