package org.yekuo.catalogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;

/**
 * The shipped defaults, read from version 1 of each type so that later edits do not disturb them. MockMvc
 * is configured only to share the application context with the HTTP tests.
 */
@SpringBootTest
@AutoConfigureMockMvc
class CatalogueDefaultsTests {

    @Autowired
    Catalogue catalogue;

    private BusinessTypeDefinition defaults(String code) {
        return catalogue.version(code, 1);
    }

    @Test
    @DisplayName("R-CAT-1 the catalogue ships the 23 business types with their process families")
    void ships23TypesWithFamilies() {
        Map<String, ProcessFamily> families = catalogue.types().stream()
                .collect(Collectors.toMap(BusinessTypeSummary::code, t -> defaults(t.code()).family()));
        assertThat(families).hasSize(23).containsAllEntriesOf(Map.ofEntries(
                Map.entry("LV_RES_NEW", ProcessFamily.LV), Map.entry("LV_RES_INCREASE", ProcessFamily.LV),
                Map.entry("LV_NONRES_NEW", ProcessFamily.LV), Map.entry("LV_NONRES_INCREASE", ProcessFamily.LV),
                Map.entry("HV_NEW_SINGLE", ProcessFamily.HV), Map.entry("HV_NEW_DUAL", ProcessFamily.HV),
                Map.entry("HV_INCREASE", ProcessFamily.HV), Map.entry("HV_DEDICATED_LINE", ProcessFamily.HV),
                Map.entry("CAPACITY_REDUCTION", ProcessFamily.CHANGE), Map.entry("CAPACITY_REDUCTION_RESTORE", ProcessFamily.CHANGE),
                Map.entry("SUSPENSION", ProcessFamily.CHANGE), Map.entry("SUSPENSION_RESTORE", ProcessFamily.CHANGE),
                Map.entry("TEMP_TRANSFORMER_SWAP", ProcessFamily.CHANGE), Map.entry("RELOCATION", ProcessFamily.HV),
                Map.entry("METER_RELOCATION", ProcessFamily.CHANGE), Map.entry("VOLTAGE_CHANGE", ProcessFamily.HV),
                Map.entry("TARIFF_CHANGE", ProcessFamily.CHANGE), Map.entry("NAME_TRANSFER", ProcessFamily.CHANGE),
                Map.entry("ACCOUNT_SPLIT_MERGE", ProcessFamily.CHANGE), Map.entry("ACCOUNT_CLOSURE", ProcessFamily.CHANGE),
                Map.entry("TEMPORARY_POWER", ProcessFamily.HV), Map.entry("PV_GRID_CONNECTION", ProcessFamily.PV),
                Map.entry("EV_CHARGING", ProcessFamily.LV)));
        assertThat(defaults("LV_RES_NEW").nameZh()).isEqualTo("\u4f4e\u538b\u5c45\u6c11\u65b0\u88c5");
        assertThat(defaults("RELOCATION").lowVoltageVariant()).isEqualTo("LV_NONRES_NEW");
        assertThat(catalogue.types(ProcessFamily.PV)).extracting(BusinessTypeSummary::code).containsExactly("PV_GRID_CONNECTION");
    }

    @Test
    @DisplayName("R-CAT-1 dispatch reviews only dual supply, dedicated lines, voltage changes and PV above 6 MW")
    void dispatchReviewsOnlyWhereTheGridCapacityIsAtStake() {
        List<String> withDispatch = catalogue.types().stream().map(BusinessTypeSummary::code)
                .filter(code -> defaults(code).reviewers().stream().anyMatch(r -> r.department() == Department.DISPATCH))
                .toList();
        assertThat(withDispatch).containsExactlyInAnyOrder("HV_NEW_DUAL", "HV_DEDICATED_LINE", "VOLTAGE_CHANGE",
                "PV_GRID_CONNECTION");
        BusinessTypeDefinition pv = defaults("PV_GRID_CONNECTION");
        assertThat(pv.reviewersFor(6000)).containsExactly(Department.OPERATIONS, Department.MARKETING);
        assertThat(pv.reviewersFor(6001)).containsExactly(Department.OPERATIONS, Department.MARKETING, Department.DISPATCH);
        assertThat(defaults("HV_DEDICATED_LINE").reviewersFor(1)).containsExactly(Department.OPERATIONS,
                Department.MARKETING, Department.DISPATCH);
        assertThat(defaults("LV_RES_NEW").reviewersFor(1)).containsExactly(Department.MARKETING);
        assertThat(defaults("LV_NONRES_NEW").reviewersFor(1)).containsExactly(Department.OPERATIONS, Department.MARKETING);
    }

    @Test
    @DisplayName("R-MAT-1 HV types ask for the 7 core materials, LV residential for 3, with the reference's deferrals")
    void checklistsFollowTheReference() {
        for (String hv : List.of("HV_NEW_SINGLE", "HV_NEW_DUAL", "HV_INCREASE", "HV_DEDICATED_LINE", "VOLTAGE_CHANGE")) {
            assertThat(defaults(hv).checklist()).extracting(i -> i.material().code(), ChecklistItem::deferredUntil)
                    .containsExactly(tuple("APPLICATION_FORM", null), tuple("BUSINESS_LICENCE", null),
                            tuple("LEGAL_REPRESENTATIVE_ID", null), tuple("POWER_OF_ATTORNEY", null),
                            tuple("PROPERTY_OR_LAND_USE_PROOF", KeyNode.SCHEME_DESIGN),
                            tuple("EQUIPMENT_LIST", KeyNode.SCHEME_REVIEW), tuple("LOAD_CALCULATION", KeyNode.SCHEME_REVIEW));
        }
        assertThat(defaults("LV_RES_NEW").checklist()).extracting(i -> i.material().code(), ChecklistItem::deferredUntil)
                .containsExactly(tuple("ID_CARD", null), tuple("PROPERTY_PROOF", KeyNode.SCHEME_DESIGN),
                        tuple("APPLICATION_FORM", null));
        assertThat(defaults("PV_GRID_CONNECTION").dueBy(KeyNode.COMPLETION_ACCEPTANCE))
                .extracting(i -> i.material().code()).containsExactly("PROJECT_FILING");
        assertThat(defaults("EV_CHARGING").dueBy(KeyNode.SITE_SURVEY))
                .extracting(i -> i.material().code()).containsExactly("PARKING_SPACE_PROOF");
    }

    @Test
    @DisplayName("R-MAT-3 every type accepts on a subject qualification required at acceptance, never deferred")
    void everyTypeStartsOnOneCertificate() {
        for (BusinessTypeSummary type : catalogue.types()) {
            BusinessTypeDefinition definition = defaults(type.code());
            assertThat(definition.requiredAtAcceptance()).as(type.code())
                    .anyMatch(i -> i.material().subjectQualification());
            assertThat(definition.checklist()).as(type.code())
                    .allMatch(i -> i.requiredAtAcceptance() || !i.material().subjectQualification())
                    .allMatch(i -> i.requiredAtAcceptance()
                            || definition.positionOf(i.deferredUntil()) > definition.positionOf(KeyNode.ACCEPTANCE));
        }
    }

    @Test
    @DisplayName("R-SLA-1 HV types run all 12 key nodes with the paper's and State Grid's limits, each with its source")
    void hvLimitsComeWithTheirSources() {
        BusinessTypeDefinition single = defaults("HV_NEW_SINGLE");
        assertThat(single.nodeSequence()).containsExactly(KeyNode.values());
        assertThat(single.limitOf(KeyNode.ACCEPTANCE)).hasValueSatisfying(l -> assertThat(l.sameWorkingDay()).isTrue());
        assertThat(single.limitOf(KeyNode.SITE_SURVEY).orElseThrow()).extracting(TimeLimit::amount, TimeLimit::unit,
                TimeLimit::source).containsExactly(2, LimitUnit.WORKING_DAYS, LimitSource.PAPER);
        assertThat(single.limitOf(KeyNode.SCHEME_DESIGN).orElseThrow()).extracting(TimeLimit::amount, TimeLimit::source)
                .containsExactly(3, LimitSource.PAPER);
        assertThat(single.limitOf(KeyNode.SCHEME_REVIEW).orElseThrow().amount()).isEqualTo(2);
        assertThat(single.limitOf(KeyNode.SCHEME_REPLY).orElseThrow()).extracting(TimeLimit::amount, TimeLimit::source)
                .containsExactly(15, LimitSource.STATE_GRID_RULE);
        assertThat(defaults("HV_NEW_DUAL").limitOf(KeyNode.SCHEME_REPLY).orElseThrow().amount()).isEqualTo(30);
        assertThat(single.limitOf(KeyNode.DESIGN_REVIEW).orElseThrow().amount()).isEqualTo(10);
        assertThat(single.limitOf(KeyNode.SUPPLY_WORKS).orElseThrow()).extracting(TimeLimit::amount, TimeLimit::unit)
                .containsExactly(2, LimitUnit.WORKING_HOURS);
        assertThat(single.limitOf(KeyNode.CONTRACT).orElseThrow().confirmed()).isFalse();
        assertThat(single.limitOf(KeyNode.POWER_ON).orElseThrow().confirmed()).isTrue();
        assertThat(defaults("LV_RES_NEW").nodeSequence()).containsExactly(KeyNode.ACCEPTANCE, KeyNode.SITE_SURVEY,
                KeyNode.SCHEME_DESIGN, KeyNode.SCHEME_REPLY, KeyNode.CONTRACT, KeyNode.METER_INSTALLATION, KeyNode.POWER_ON);
        assertThat(KeyNode.values()).hasSize(12);
    }

    @Test
    @DisplayName("R-MAT-2 the 12 abolished materials are stored with their reasons in both languages")
    void abolishedMaterialsAreStored() {
        assertThat(catalogue.abolishedMaterials()).hasSize(12)
                .allMatch(a -> !a.reasonZh().isBlank() && !a.reasonEn().isBlank());
        assertThat(catalogue.abolishedMaterial("COMMUNITY_ELECTRICITY_CERTIFICATE")).isPresent();
        assertThat(catalogue.abolishedMaterial("ID_CARD")).isEmpty();
    }
}
