package org.yekuo.deadline;

import java.time.LocalDate;

/**
 * When an order should be done if every remaining node uses its full limit (R-SLA-8). {@code provisional}
 * when part of it was computed on weekends only because a year's calendar is not loaded; {@code paused}
 * while the order's clock stands still.
 */
public record ExpectedCompletion(LocalDate date, boolean provisional, boolean paused) {
}
