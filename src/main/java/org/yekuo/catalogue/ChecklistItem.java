package org.yekuo.catalogue;

import java.util.Objects;

/**
 * A material on a type's checklist: either required at acceptance or deferred until a node.
 *
 * @param deferredUntil the node by which the material is due; null when required at acceptance
 */
public record ChecklistItem(Material material, KeyNode deferredUntil) {

    public ChecklistItem {
        Objects.requireNonNull(material, "material");
    }

    public boolean requiredAtAcceptance() {
        return deferredUntil == null;
    }
}
