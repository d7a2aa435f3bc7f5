package org.yekuo.evaluation;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;

/**
 * Which flags a rating earns (R-EVA-3): from a staff phone; the {@code burstLimit}-th or later from one
 * address within the burst window; or submitted within {@code minReadingTime} of the page opening.
 * A flagged rating is kept, with its reasons, but counts in no score.
 */
final class FraudRule {

    private final EvaluationProperties properties;

    FraudRule(EvaluationProperties properties) {
        this.properties = properties;
    }

    Duration burstWindow() {
        return properties.burstWindow();
    }

    /**
     * @param earlierFromAddress ratings from the same address within the burst window before this one
     * @param reading            from the page opening to the submission; null when the page was never opened
     */
    Set<FraudFlag> flags(boolean staffPhone, long earlierFromAddress, Duration reading) {
        Set<FraudFlag> flags = EnumSet.noneOf(FraudFlag.class);
        if (staffPhone) {
            flags.add(FraudFlag.STAFF_PHONE);
        }
        if (earlierFromAddress + 1 >= properties.burstLimit()) {
            flags.add(FraudFlag.ADDRESS_BURST);
        }
        if (reading == null || reading.compareTo(properties.minReadingTime()) < 0) {
            flags.add(FraudFlag.TOO_FAST);
        }
        return flags;
    }
}
