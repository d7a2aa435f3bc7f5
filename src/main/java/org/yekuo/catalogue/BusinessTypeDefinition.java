package org.yekuo.catalogue;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One version of a business type, immutable: what an order of this type goes through. Orders keep the
 * version they started with; new orders use the current one.
 *
 * @param lowVoltageVariant for types that follow the voltage (relocation, temporary power): the type
 *                          whose definition a low-voltage order uses instead; null otherwise
 * @param nodes             the nodes in the order they run
 */
public record BusinessTypeDefinition(String code, int version, String nameZh, String nameEn, ProcessFamily family,
        String lowVoltageVariant, List<NodeDefinition> nodes, List<Reviewer> reviewers, List<ChecklistItem> checklist) {

    public BusinessTypeDefinition {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(family, "family");
        nodes = List.copyOf(nodes);
        reviewers = List.copyOf(reviewers);
        checklist = List.copyOf(checklist);
    }

    public String name(Locale locale) {
        return "zh".equals(locale.getLanguage()) ? nameZh : nameEn;
    }

    public List<KeyNode> nodeSequence() {
        return nodes.stream().map(NodeDefinition::node).toList();
    }

    public boolean uses(KeyNode node) {
        return nodes.stream().anyMatch(n -> n.node() == node);
    }

    /** Where the node runs in this type's sequence (0 for the first), or -1 when the type does not use it. */
    public int positionOf(KeyNode node) {
        return nodeSequence().indexOf(node);
    }

    public Optional<TimeLimit> limitOf(KeyNode node) {
        return nodes.stream().filter(n -> n.node() == node).map(NodeDefinition::limit).findFirst();
    }

    /** The departments that review a scheme for an application of the given capacity. */
    public List<Department> reviewersFor(long capacityKw) {
        return reviewers.stream().filter(r -> r.takesPartFor(capacityKw)).map(Reviewer::department).toList();
    }

    public Optional<ChecklistItem> checklistItem(String materialCode) {
        return checklist.stream().filter(i -> i.material().code().equals(materialCode)).findFirst();
    }

    public List<ChecklistItem> requiredAtAcceptance() {
        return checklist.stream().filter(ChecklistItem::requiredAtAcceptance).toList();
    }

    /** The deferred materials that are due by the given node. */
    public List<ChecklistItem> dueBy(KeyNode node) {
        return checklist.stream().filter(i -> i.deferredUntil() == node).toList();
    }
}
