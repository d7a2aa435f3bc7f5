package org.yekuo.catalogue.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.yekuo.catalogue.AbolishedMaterial;
import org.yekuo.catalogue.BusinessTypeDefinition;
import org.yekuo.catalogue.ChecklistItem;
import org.yekuo.catalogue.KeyNode;
import org.yekuo.catalogue.LimitSource;
import org.yekuo.catalogue.LimitUnit;
import org.yekuo.catalogue.Material;
import org.yekuo.catalogue.NodeDefinition;
import org.yekuo.catalogue.ProcessFamily;
import org.yekuo.catalogue.Reviewer;
import org.yekuo.catalogue.Department;
import org.yekuo.catalogue.TimeLimit;
import org.yekuo.shared.DomainException;

class ChecklistPolicyTests {

    private static final Material ID_CARD = new Material("ID_CARD", "id", "ID card", true, false, Material.Reuse.APPLICANT);
    private static final Material PROPERTY = new Material("PROPERTY_PROOF", "property", "Property proof", false, false, Material.Reuse.ADDRESS);
    private static final Material FORM = new Material("APPLICATION_FORM", "form", "Application form", false, true, Material.Reuse.NONE);

    private final BusinessTypeDefinition type = new BusinessTypeDefinition("LV_RES_NEW", 1, "zh", "en", ProcessFamily.LV,
            null, List.of(node(KeyNode.ACCEPTANCE), node(KeyNode.SITE_SURVEY), node(KeyNode.SCHEME_DESIGN)),
            List.of(Reviewer.always(Department.MARKETING)),
            List.of(new ChecklistItem(ID_CARD, null), new ChecklistItem(PROPERTY, KeyNode.SCHEME_DESIGN)));

    @Test
    @DisplayName("R-MAT-3 a material may be deferred until one of the type's nodes after acceptance")
    void defersUntilALaterNodeOfTheType() {
        assertThat(ChecklistPolicy.deferral(type, FORM, "SITE_SURVEY", Locale.ENGLISH)).isEqualTo(KeyNode.SITE_SURVEY);
        assertThat(ChecklistPolicy.deferral(type, FORM, "", Locale.ENGLISH)).isNull();
        assertThat(ChecklistPolicy.deferral(type, FORM, "ACCEPTANCE", Locale.ENGLISH)).isNull();
    }

    @Test
    @DisplayName("R-MAT-3 a deferral node the type does not use, or no node at all, is refused naming deferredUntil")
    void refusesDeferralToANodeOutsideTheType() {
        for (String raw : List.of("DESIGN_REVIEW", "TOMORROW")) {
            assertThatThrownBy(() -> ChecklistPolicy.deferral(type, FORM, raw, Locale.ENGLISH))
                    .isInstanceOfSatisfying(DomainException.class,
                            e -> assertThat(e.fieldProblems().get(0).field()).isEqualTo("deferredUntil"));
        }
    }

    @Test
    @DisplayName("R-MAT-3 a subject qualification can be neither deferred nor removed as the last one")
    void subjectQualificationStaysAtAcceptance() {
        assertThatThrownBy(() -> ChecklistPolicy.deferral(type, ID_CARD, "SITE_SURVEY", Locale.ENGLISH))
                .isInstanceOfSatisfying(DomainException.class,
                        e -> assertThat(e.messageKey()).isEqualTo("catalogue.checklist.subject-not-deferrable"));
        assertThatThrownBy(() -> ChecklistPolicy.remove(type, "ID_CARD", Locale.ENGLISH))
                .isInstanceOfSatisfying(DomainException.class,
                        e -> assertThat(e.messageKey()).isEqualTo("catalogue.checklist.subject-required"));
    }

    @Test
    @DisplayName("R-MAT-1 adding, re-timing and removing materials yields the new checklist in order")
    void changesTheChecklist() {
        assertThat(ChecklistPolicy.add(type, FORM, null, Locale.ENGLISH)).extracting(i -> i.material().code())
                .containsExactly("ID_CARD", "PROPERTY_PROOF", "APPLICATION_FORM");
        assertThat(ChecklistPolicy.defer(type, "PROPERTY_PROOF", KeyNode.SITE_SURVEY).get(1).deferredUntil())
                .isEqualTo(KeyNode.SITE_SURVEY);
        assertThat(ChecklistPolicy.remove(type, "PROPERTY_PROOF", Locale.ENGLISH)).hasSize(1);
        assertThatThrownBy(() -> ChecklistPolicy.add(type, PROPERTY, null, Locale.ENGLISH))
                .isInstanceOfSatisfying(DomainException.class,
                        e -> assertThat(e.messageKey()).isEqualTo("catalogue.checklist.duplicate"));
    }

    @Test
    @DisplayName("R-MAT-2 an abolished material is refused with the reason it was abolished; a blank or unknown code too")
    void abolishedMaterialsNeverComeBack() {
        AbolishedMaterial stamp = new AbolishedMaterial("POWER_SUPPLY_STAMP", "供电方案盖章", "Stamped supply scheme",
                "已取消", "No longer required");
        Map<String, AbolishedMaterial> abolished = Map.of(stamp.code(), stamp);
        Map<String, Material> known = Map.of(FORM.code(), FORM, stamp.code(), FORM);
        assertThat(admissible(" APPLICATION_FORM ", abolished, known)).isEqualTo(FORM);
        assertThatThrownBy(() -> admissible("POWER_SUPPLY_STAMP", abolished, known))
                .isInstanceOfSatisfying(DomainException.class, e -> {
                    assertThat(e.fieldProblems().get(0).field()).isEqualTo("materialCode");
                    assertThat(e.messageKey()).isEqualTo("catalogue.material.abolished");
                    assertThat(e.arguments()).contains("No longer required");
                });
        assertThatThrownBy(() -> admissible(" ", abolished, known)).isInstanceOfSatisfying(DomainException.class,
                e -> assertThat(e.messageKey()).isEqualTo("catalogue.material.required"));
        assertThatThrownBy(() -> admissible("NO_SUCH", abolished, known)).isInstanceOfSatisfying(DomainException.class,
                e -> assertThat(e.messageKey()).isEqualTo("catalogue.material.unknown"));
    }

    private static Material admissible(String code, Map<String, AbolishedMaterial> abolished, Map<String, Material> known) {
        return ChecklistPolicy.admissible(code, c -> Optional.ofNullable(abolished.get(c)), c -> Optional.ofNullable(known.get(c)),
                Locale.ENGLISH);
    }

    private static NodeDefinition node(KeyNode node) {
        return new NodeDefinition(node, new TimeLimit(1, LimitUnit.WORKING_DAYS, LimitSource.PAPER, null));
    }
}
