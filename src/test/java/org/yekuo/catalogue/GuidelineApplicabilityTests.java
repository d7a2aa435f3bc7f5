package org.yekuo.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class GuidelineApplicabilityTests {

    private static BusinessTypeDefinition type(ProcessFamily family, KeyNode... nodes) {
        TimeLimit limit = new TimeLimit(2, LimitUnit.WORKING_DAYS, LimitSource.PAPER, null);
        return new BusinessTypeDefinition("T", 1, "zh", "en", family, null,
                Arrays.stream(nodes).map(n -> new NodeDefinition(n, limit)).toList(),
                List.of(Reviewer.always(Department.MARKETING)), List.of());
    }

    @Test
    @DisplayName("R-REV-2 a scheme that goes to departmental countersign is checked against the HV guideline")
    void countersignedSchemesTakeTheHighVoltageGuideline() {
        assertThat(GuidelineApplicability.guidelineFor(type(ProcessFamily.HV, KeyNode.ACCEPTANCE, KeyNode.SITE_SURVEY,
                KeyNode.SCHEME_DESIGN, KeyNode.SCHEME_REVIEW, KeyNode.SCHEME_REPLY))).contains("HV");
        assertThat(GuidelineApplicability.guidelineFor(type(ProcessFamily.PV, KeyNode.ACCEPTANCE, KeyNode.SCHEME_DESIGN,
                KeyNode.SCHEME_REVIEW))).contains("HV");
    }

    @Test
    @DisplayName("R-REV-2 a scheme designed without countersign is checked against the LV guideline")
    void schemesWithoutCountersignTakeTheLowVoltageGuideline() {
        assertThat(GuidelineApplicability.guidelineFor(type(ProcessFamily.LV, KeyNode.ACCEPTANCE, KeyNode.SITE_SURVEY,
                KeyNode.SCHEME_DESIGN, KeyNode.SCHEME_REPLY, KeyNode.POWER_ON))).contains("LV");
    }

    @Test
    @DisplayName("R-REV-2 a type without a scheme has no review guideline")
    void typesWithoutASchemeHaveNone() {
        assertThat(GuidelineApplicability.guidelineFor(type(ProcessFamily.CHANGE, KeyNode.ACCEPTANCE, KeyNode.SITE_SURVEY,
                KeyNode.CONTRACT, KeyNode.METER_INSTALLATION))).isEmpty();
    }
}
