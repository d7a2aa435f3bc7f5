package org.yekuo.deadline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Set;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.yekuo.catalogue.LimitUnit;

class ThreeColourRuleTests {

    private static final Instant YELLOW_AT = Instant.parse("2026-03-05T15:59:59Z");
    private static final Instant DUE_AT = Instant.parse("2026-03-10T15:59:59Z");

    @Test
    @DisplayName("R-SLA-4 green before the yellow threshold, yellow from it up to the deadline, red once it has passed")
    void coloursFollowTheThresholds() {
        assertThat(ThreeColourRule.colourAt(YELLOW_AT.minusSeconds(1), YELLOW_AT, DUE_AT)).isEqualTo(Colour.GREEN);
        assertThat(ThreeColourRule.colourAt(YELLOW_AT, YELLOW_AT, DUE_AT)).isEqualTo(Colour.YELLOW);
        assertThat(ThreeColourRule.colourAt(DUE_AT, YELLOW_AT, DUE_AT)).isEqualTo(Colour.YELLOW);
        assertThat(ThreeColourRule.colourAt(DUE_AT.plusSeconds(1), YELLOW_AT, DUE_AT)).isEqualTo(Colour.RED);
    }

    @Test
    @DisplayName("R-SLA-4 a locked node is red whatever the time; a paused or completed node keeps the colour it had then")
    void lockedIsRedAndStoppedClocksKeepTheirColour() {
        Instant later = DUE_AT.plusSeconds(86_400);
        assertThat(ThreeColourRule.of(node(true, null, null), YELLOW_AT.minusSeconds(60))).isEqualTo(Colour.RED);
        assertThat(ThreeColourRule.of(node(false, null, YELLOW_AT.minusSeconds(60)), later)).isEqualTo(Colour.GREEN);
        assertThat(ThreeColourRule.of(node(false, YELLOW_AT.plusSeconds(60), null), later)).isEqualTo(Colour.YELLOW);
        assertThat(ThreeColourRule.of(node(false, null, null), later)).isEqualTo(Colour.RED);
    }

    private static NodeDeadline node(boolean locked, Instant completedAt, Instant pausedSince) {
        return new NodeDeadline(1, 1, "YK-2026-000001", "LV_RES_NEW", 1, LimitUnit.WORKING_DAYS, "SITE_SURVEY", "t1",
                Set.of("SURVEYOR"), "/1/", null, null, null, YELLOW_AT.minusSeconds(86_400), DUE_AT, YELLOW_AT, DUE_AT, completedAt,
                pausedSince, 0, null, null, null, null, locked, false, Colour.GREEN);
    }
}
