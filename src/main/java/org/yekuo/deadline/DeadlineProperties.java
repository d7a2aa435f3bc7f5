package org.yekuo.deadline;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Deadline settings ({@code yekuo.deadline.*}): the sweep runs every minute on every node (switch it off
 * with {@code sweep-enabled: false}), claiming at most {@code batch-size} rows per step and round; a node's
 * handler is reminded {@code remind-working-days} before its deadline (R-SLA-3). When a node turns yellow
 * is {@link ThreeColourRule}'s (R-SLA-4).
 */
@ConfigurationProperties("yekuo.deadline")
record DeadlineProperties(
        @DefaultValue("true") boolean sweepEnabled,
        @DefaultValue("1m") Duration sweepInterval,
        @DefaultValue("200") int batchSize,
        @DefaultValue("1") int remindWorkingDays) {
}
