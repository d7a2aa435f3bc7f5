package org.yekuo.deadline;

import java.time.Instant;

/**
 * A time the order's clock stood still because the utility waited for the customer: at which node, for
 * what (the materials missing, as the applicant was told) and from when to when; {@code resumedAt} is
 * null while it still waits.
 */
public record ClockPause(String nodeCode, String reason, Instant pausedAt, Instant resumedAt) {

    public boolean running() {
        return resumedAt == null;
    }
}
