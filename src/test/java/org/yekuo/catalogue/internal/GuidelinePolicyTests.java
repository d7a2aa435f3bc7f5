package org.yekuo.catalogue.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.yekuo.catalogue.Department;
import org.yekuo.catalogue.GuidelineItem;
import org.yekuo.catalogue.ReviewGuideline;
import org.yekuo.shared.DomainException;

class GuidelinePolicyTests {

    private static final GuidelineItem METERING = new GuidelineItem("HV-9", "zh", "Metering point and method", Department.MARKETING);
    private static final GuidelineItem RELAYS = new GuidelineItem("HV-7", "zh", "Relay protection configuration", Department.OPERATIONS);
    private static final ReviewGuideline HV = new ReviewGuideline("HV", 4, "zh", "High voltage", List.of(RELAYS, METERING));
    /** HV-12 was retired in an earlier version; HV-7 and HV-9 are current. */
    private static final Set<String> EVER_USED = Set.of("HV-7", "HV-9", "HV-12");

    @Test
    @DisplayName("R-REV-2 a new item takes a clause number no version used, with its texts and department")
    void addsAnItemUnderAFreshClauseNumber() {
        GuidelineItem added = GuidelinePolicy.added(HV, EVER_USED, " HV-13 ", " zh ", "Earthing", "OPERATIONS");
        assertThat(added).isEqualTo(new GuidelineItem("HV-13", "zh", "Earthing", Department.OPERATIONS));
    }

    @Test
    @DisplayName("R-REV-2 a clause number in use, retired, missing or of another guideline is refused naming clauseNo and the next free number")
    void refusesClauseNumbersThatAreTakenOrMalformed() {
        assertRefused(() -> GuidelinePolicy.added(HV, EVER_USED, "HV-9", "zh", "en", "MARKETING"), "clauseNo",
                "catalogue.guideline.clause-duplicate", "HV-9", "HV-13");
        assertRefused(() -> GuidelinePolicy.added(HV, EVER_USED, "HV-12", "zh", "en", "MARKETING"), "clauseNo",
                "catalogue.guideline.clause-retired", "HV-12", "HV-13");
        assertRefused(() -> GuidelinePolicy.added(HV, EVER_USED, " ", "zh", "en", "MARKETING"), "clauseNo",
                "catalogue.guideline.clause-required", "HV-13");
        assertRefused(() -> GuidelinePolicy.added(HV, EVER_USED, "LV-13", "zh", "en", "MARKETING"), "clauseNo",
                "catalogue.guideline.clause-format", "LV-13", "HV", "HV-13");
        assertRefused(() -> GuidelinePolicy.added(HV, EVER_USED, "HV-07", "zh", "en", "MARKETING"), "clauseNo",
                "catalogue.guideline.clause-format", "HV-07", "HV", "HV-13");
    }

    @Test
    @DisplayName("R-REV-2 an empty or over-long text and an unknown department are refused naming the field")
    void refusesBadTextsAndDepartments() {
        assertRefused(() -> GuidelinePolicy.added(HV, EVER_USED, "HV-13", "", "en", "MARKETING"), "textZh",
                "catalogue.guideline.text-required", "200");
        assertRefused(() -> GuidelinePolicy.changed(RELAYS, "zh", "x".repeat(201), "OPERATIONS"), "textEn",
                "catalogue.guideline.text-too-long", "201", "200");
        assertRefused(() -> GuidelinePolicy.changed(RELAYS, "zh", "en", "LEGAL"), "department",
                "catalogue.guideline.department-unknown", "LEGAL");
    }

    @Test
    @DisplayName("R-REV-2 a change keeps the clause number and must change the texts or the department")
    void changesAnItemInPlace() {
        assertThat(GuidelinePolicy.changed(RELAYS, "zh", "Relay protection configuration", "DISPATCH"))
                .isEqualTo(new GuidelineItem("HV-7", "zh", "Relay protection configuration", Department.DISPATCH));
        assertRefused(() -> GuidelinePolicy.changed(RELAYS, " zh", "Relay protection configuration ", "OPERATIONS"),
                "textZh", "catalogue.guideline.unchanged", "HV-7");
    }

    @Test
    @DisplayName("R-REV-2 retiring removes the item from the next version; an unknown clause or the last item is refused")
    void retiresAnItem() {
        assertThat(GuidelinePolicy.retire(HV, "HV-7")).containsExactly(METERING);
        assertRefused(() -> GuidelinePolicy.retire(HV, "HV-12"), "clauseNo",
                "catalogue.guideline.clause-not-in-guideline", "HV-12", "HV", "4");
        ReviewGuideline single = new ReviewGuideline("LV", 2, "zh", "Low voltage", List.of(METERING));
        assertRefused(() -> GuidelinePolicy.retire(single, "HV-9"), "clauseNo", "catalogue.guideline.last-item", "HV-9");
    }

    private static void assertRefused(ThrowingCallable call, String field, String key, Object... arguments) {
        assertThatThrownBy(call).isInstanceOfSatisfying(DomainException.class, e -> {
            assertThat(e.fieldProblems()).singleElement().satisfies(p -> assertThat(p.field()).isEqualTo(field));
            assertThat(e.messageKey()).isEqualTo(key);
            assertThat(e.arguments()).containsExactly(arguments);
        });
    }
}
