package org.yekuo.insight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SurvivalCurveTests {

    @Test
    @DisplayName("Kaplan-Meier over the share of the limit used: finished nodes are events, open ones censored, late ones survive past 1")
    void kaplanMeierWithCensoredOpenNodes() {
        SurvivalCurve.Builder builder = SurvivalCurve.builder();
        for (int i = 0; i < 4; i++) {
            builder.finished(0.3, false);
        }
        builder.finished(1.4, false).finished(0.8, true);
        for (int i = 0; i < 4; i++) {
            builder.open(0.5, false);
        }
        SurvivalCurve curve = builder.build();

        assertThat(curve.cases()).isEqualTo(10);
        assertThat(curve.lateCases()).isEqualTo(2);
        // Four of ten finish at 0.3; the four still open at 0.5 leave two at risk, both late: S(1) = 0.6.
        assertThat(curve.survivalAt(0.25)).isCloseTo(1.0, within(1e-9));
        assertThat(curve.survivalAt(0.35)).isCloseTo(0.6, within(1e-9));
        assertThat(curve.lateShare()).isCloseTo(0.6, within(1e-9));
        assertThat(curve.lateGiven(0.2)).isCloseTo(0.6, within(1e-9));
        assertThat(curve.lateGiven(0.5)).isCloseTo(1.0, within(1e-9));
        assertThat(curve.lateGiven(1.2)).isEqualTo(1.0);
    }

    @Test
    @DisplayName("an open node past its deadline is a known late case, and a curve survives its round trip through the table")
    void overdueOpenNodesAreLateAndCurvesRoundTrip() {
        SurvivalCurve curve = SurvivalCurve.builder().finished(0.5, false).open(1.1, false).open(0.2, true).build();
        assertThat(curve.lateCases()).isEqualTo(2);
        assertThat(curve.lateShare()).isCloseTo(2.0 / 3, within(1e-9));

        SurvivalCurve back = SurvivalCurve.decoded(curve.encoded(), curve.cases(), curve.lateCases());
        assertThat(back.lateShare()).isCloseTo(curve.lateShare(), within(1e-5));
        assertThat(back.survivalAt(0.55)).isCloseTo(curve.survivalAt(0.55), within(1e-5));
    }
}
