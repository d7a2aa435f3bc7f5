package org.yekuo.catalogue.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

import org.yekuo.catalogue.AbolishedMaterial;
import org.yekuo.catalogue.BusinessTypeDefinition;
import org.yekuo.catalogue.ChecklistItem;
import org.yekuo.catalogue.KeyNode;
import org.yekuo.catalogue.Material;
import org.yekuo.shared.DomainException;

/**
 * How a type's checklist may change (R-MAT-1, R-MAT-2, R-MAT-3): an abolished material never goes on it again;
 * a material appears once; a deferred material is due at one of the type's nodes after acceptance; a subject
 * qualification is never deferred, and the checklist always keeps one, because one-certificate start accepts an
 * application with it alone.
 */
final class ChecklistPolicy {

    private ChecklistPolicy() {
    }

    /**
     * The material a checklist edit names, if it may go on a checklist: named, not one of the abolished (R-MAT-2,
     * refused with the reason it was abolished), and known. {@code abolished} and {@code known} look a code up.
     */
    static Material admissible(String materialCode, Function<String, Optional<AbolishedMaterial>> abolished,
            Function<String, Optional<Material>> known, Locale locale) {
        String code = materialCode == null ? "" : materialCode.trim();
        if (code.isEmpty()) {
            throw DomainException.invalid("materialCode", "catalogue.material.required");
        }
        abolished.apply(code).ifPresent(material -> {
            throw DomainException.invalid("materialCode", "catalogue.material.abolished", material.name(locale),
                    material.reason(locale));
        });
        return known.apply(code)
                .orElseThrow(() -> DomainException.invalid("materialCode", "catalogue.material.unknown", code));
    }

    /**
     * Reads the node a material is deferred until; blank means required at acceptance, which only the
     * subject qualification and the application itself may be (one-certificate start for every type).
     */
    static KeyNode deferral(BusinessTypeDefinition type, Material material, String raw, Locale locale) {
        KeyNode node = raw == null || raw.isBlank() ? KeyNode.ACCEPTANCE
                : Inputs.oneOf(KeyNode.class, "deferredUntil", raw, "catalogue.checklist.node-unknown");
        if (node == KeyNode.ACCEPTANCE) {
            if (!material.dueAtAcceptance()) {
                throw DomainException.invalid("deferredUntil", "catalogue.checklist.must-defer", material.name(locale));
            }
            return null;
        }
        if (material.subjectQualification()) {
            throw DomainException.invalid("deferredUntil", "catalogue.checklist.subject-not-deferrable",
                    material.name(locale));
        }
        List<KeyNode> afterAcceptance = type.nodeSequence()
                .subList(type.positionOf(KeyNode.ACCEPTANCE) + 1, type.nodes().size());
        if (!afterAcceptance.contains(node)) {
            throw DomainException.invalid("deferredUntil", "catalogue.checklist.node-not-in-type", node.name(),
                    String.join(", ", afterAcceptance.stream().map(Enum::name).toList()));
        }
        return node;
    }

    static List<ChecklistItem> add(BusinessTypeDefinition type, Material material, KeyNode deferredUntil, Locale locale) {
        if (type.checklistItem(material.code()).isPresent()) {
            throw DomainException.invalid("materialCode", "catalogue.checklist.duplicate", material.name(locale));
        }
        List<ChecklistItem> items = new ArrayList<>(type.checklist());
        items.add(new ChecklistItem(material, deferredUntil));
        return items;
    }

    static List<ChecklistItem> remove(BusinessTypeDefinition type, String materialCode, Locale locale) {
        ChecklistItem removed = onList(type, materialCode);
        List<ChecklistItem> items = type.checklist().stream().filter(i -> i != removed).toList();
        if (items.stream().noneMatch(i -> i.material().subjectQualification())) {
            throw DomainException.invalid("materialCode", "catalogue.checklist.subject-required",
                    removed.material().name(locale));
        }
        return items;
    }

    static List<ChecklistItem> defer(BusinessTypeDefinition type, String materialCode, KeyNode deferredUntil) {
        ChecklistItem changed = onList(type, materialCode);
        return type.checklist().stream()
                .map(i -> i == changed ? new ChecklistItem(i.material(), deferredUntil) : i).toList();
    }

    static ChecklistItem onList(BusinessTypeDefinition type, String materialCode) {
        return type.checklistItem(materialCode).orElseThrow(() ->
                DomainException.invalid("materialCode", "catalogue.checklist.not-on-list", materialCode));
    }
}
