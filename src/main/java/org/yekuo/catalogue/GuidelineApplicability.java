package org.yekuo.catalogue;

import java.util.Optional;

/**
 * Which review guideline a business type's schemes are checked against, read from the nodes the type
 * runs: a scheme that goes to departmental countersign ({@link KeyNode#SCHEME_REVIEW}: the HV family,
 * PV grid connection, temporary transformer replacement) is checked against the HV guideline's 23
 * technical items; a scheme designed without countersign ({@link KeyNode#SCHEME_DESIGN} only: the LV
 * family) against the LV guideline's 5 items; a type without a scheme (most contract changes) has none.
 * Types that follow the voltage are asked with the definition the order runs as, so a low-voltage
 * relocation gets the LV guideline through its low-voltage variant.
 */
final class GuidelineApplicability {

    private GuidelineApplicability() {
    }

    static Optional<String> guidelineFor(BusinessTypeDefinition type) {
        if (type.uses(KeyNode.SCHEME_REVIEW)) {
            return Optional.of(ReviewGuideline.HIGH_VOLTAGE);
        }
        if (type.uses(KeyNode.SCHEME_DESIGN)) {
            return Optional.of(ReviewGuideline.LOW_VOLTAGE);
        }
        return Optional.empty();
    }
}
