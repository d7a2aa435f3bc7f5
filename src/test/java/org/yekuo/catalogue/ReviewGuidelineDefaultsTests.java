package org.yekuo.catalogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.yekuo.shared.DomainException;

/**
 * The shipped review guidelines, read from version 1 so that edits by other tests do not disturb them.
 * MockMvc is configured only to share the application context with the HTTP tests.
 */
@SpringBootTest
@AutoConfigureMockMvc
class ReviewGuidelineDefaultsTests {

    @Autowired
    ReviewGuidelines guidelines;

    @Autowired
    Catalogue catalogue;

    private static Map<String, Department> departments(ReviewGuideline guideline) {
        return guideline.items().stream()
                .collect(Collectors.toMap(GuidelineItem::clauseNo, GuidelineItem::department, (a, b) -> a, LinkedHashMap::new));
    }

    @Test
    @DisplayName("R-REV-2 the LV guideline ships exactly 5 check items LV-1 to LV-5: marketing LV-1, LV-3, LV-5, operations LV-2, LV-4")
    void lowVoltageGuidelineHasFiveItems() {
        ReviewGuideline lv = guidelines.version("LV", 1);
        assertThat(departments(lv)).containsExactly(
                Map.entry("LV-1", Department.MARKETING), Map.entry("LV-2", Department.OPERATIONS),
                Map.entry("LV-3", Department.MARKETING), Map.entry("LV-4", Department.OPERATIONS),
                Map.entry("LV-5", Department.MARKETING));
        assertThat(lv.item("LV-1").orElseThrow().textEn())
                .isEqualTo("Meter position reasonable and reachable for reading and maintenance");
        assertThat(lv.item("LV-5").orElseThrow().textZh()).isEqualTo("\u7535\u4ef7\u7c7b\u522b");
        assertThat(lv.itemsOf(Department.DISPATCH)).isEmpty();
    }

    @Test
    @DisplayName("R-REV-2 the HV guideline ships exactly 23 technical items: dispatch HV-8 and HV-23, marketing HV-9 to HV-11 and HV-20 to HV-22, operations the rest")
    void highVoltageGuidelineHasTwentyThreeItems() {
        ReviewGuideline hv = guidelines.version("HV", 1);
        assertThat(hv.items()).extracting(GuidelineItem::clauseNo)
                .containsExactlyElementsOf(IntStream.rangeClosed(1, 23).mapToObj(i -> "HV-" + i).toList());
        assertThat(hv.itemsOf(Department.DISPATCH)).extracting(GuidelineItem::clauseNo).containsExactly("HV-8", "HV-23");
        assertThat(hv.itemsOf(Department.MARKETING)).extracting(GuidelineItem::clauseNo)
                .containsExactly("HV-9", "HV-10", "HV-11", "HV-20", "HV-21", "HV-22");
        assertThat(hv.itemsOf(Department.OPERATIONS)).extracting(GuidelineItem::clauseNo)
                .containsExactly("HV-1", "HV-2", "HV-3", "HV-4", "HV-5", "HV-6", "HV-7", "HV-12", "HV-13", "HV-14",
                        "HV-15", "HV-16", "HV-17", "HV-18", "HV-19");
        assertThat(hv.item("HV-7").orElseThrow().textEn()).isEqualTo("Relay protection configuration");
        assertThat(hv.item("HV-23").orElseThrow().textEn())
                .isEqualTo("Dispatch communication and grid-capacity opinion (dedicated lines only)");
        assertThat(hv.items()).allSatisfy(i -> {
            assertThat(i.textZh()).isNotBlank().isNotEqualTo(i.textEn());
            assertThat(i.textEn()).isNotBlank();
        });
        assertThat(hv.byDepartment()).containsOnlyKeys(Department.OPERATIONS, Department.MARKETING, Department.DISPATCH);
    }

    @Test
    @DisplayName("R-REV-2 countersigned types (HV family, PV, temporary transformer swap) take the HV guideline, LV types the LV one, contract changes none")
    void eachBusinessTypeGetsTheGuidelineOfItsScheme() {
        Map<String, String> applied = new LinkedHashMap<>();
        catalogue.types().forEach(t -> applied.put(t.code(),
                guidelines.codeFor(catalogue.version(t.code(), 1)).orElse("-")));
        assertThat(applied).isEqualTo(Map.ofEntries(
                Map.entry("LV_RES_NEW", "LV"), Map.entry("LV_RES_INCREASE", "LV"), Map.entry("LV_NONRES_NEW", "LV"),
                Map.entry("LV_NONRES_INCREASE", "LV"), Map.entry("HV_NEW_SINGLE", "HV"), Map.entry("HV_NEW_DUAL", "HV"),
                Map.entry("HV_INCREASE", "HV"), Map.entry("HV_DEDICATED_LINE", "HV"), Map.entry("CAPACITY_REDUCTION", "-"),
                Map.entry("CAPACITY_REDUCTION_RESTORE", "-"), Map.entry("SUSPENSION", "-"), Map.entry("SUSPENSION_RESTORE", "-"),
                Map.entry("TEMP_TRANSFORMER_SWAP", "HV"), Map.entry("RELOCATION", "HV"), Map.entry("METER_RELOCATION", "-"),
                Map.entry("VOLTAGE_CHANGE", "HV"), Map.entry("TARIFF_CHANGE", "-"), Map.entry("NAME_TRANSFER", "-"),
                Map.entry("ACCOUNT_SPLIT_MERGE", "-"), Map.entry("ACCOUNT_CLOSURE", "-"), Map.entry("TEMPORARY_POWER", "HV"),
                Map.entry("PV_GRID_CONNECTION", "HV"), Map.entry("EV_CHARGING", "LV")));
        // A low-voltage relocation runs as its low-voltage variant, and so is checked against the LV guideline.
        BusinessTypeDefinition relocation = catalogue.version("RELOCATION", 1);
        assertThat(guidelines.applicableTo(catalogue.current(relocation.lowVoltageVariant())))
                .hasValueSatisfying(g -> assertThat(g.code()).isEqualTo("LV"));
        assertThat(guidelines.applicableTo(catalogue.current("SUSPENSION"))).isEmpty();
    }

    @Test
    @DisplayName("R-REV-3 a clause is looked up in a given version; one the version lacks is empty, an unknown guideline or version refused")
    void looksUpClausesByVersion() {
        assertThat(guidelines.clause("HV", 1, "HV-23")).hasValueSatisfying(i -> assertThat(i.department()).isEqualTo(Department.DISPATCH));
        assertThat(guidelines.clause("LV", 1, "LV-6")).isEmpty();
        assertThat(guidelines.clause("LV", 1, "HV-1")).isEmpty();
        assertThatThrownBy(() -> guidelines.clause("MV", 1, "MV-1")).isInstanceOfSatisfying(DomainException.class,
                e -> assertThat(e.messageKey()).isEqualTo("catalogue.guideline.not-found"));
        assertThatThrownBy(() -> guidelines.clause("HV", 9999, "HV-1")).isInstanceOfSatisfying(DomainException.class,
                e -> assertThat(e.messageKey()).isEqualTo("catalogue.guideline.version-not-found"));
    }

    @Test
    @DisplayName("R-REV-2 the seeded version is in force from 2026-01-01; before it there is no guideline to cite")
    void seededVersionIsInForceFromTheStartOf2026() {
        assertThat(guidelines.inForceAt("LV", Instant.parse("2025-12-31T16:00:00Z")).version()).isEqualTo(1);
        assertThatThrownBy(() -> guidelines.inForceAt("LV", Instant.parse("2025-12-31T15:59:59Z")))
                .isInstanceOfSatisfying(DomainException.class,
                        e -> assertThat(e.messageKey()).isEqualTo("catalogue.guideline.not-in-force"));
    }
}
