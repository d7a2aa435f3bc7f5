package org.yekuo.deadline;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Deadline settings ({@code yekuo.deadline.*}): the sweep runs every minute on every node (switch it off
 * with {@code sweep-enabled: false}), claiming at most {@code batch-size} rows per step and round; a node
 * turns yellow {@code yellow-working-days} before its deadline and its handler is reminded
 * {@code remind-working-days} before it (R-SLA-3/4).
 */
@ConfigurationProperties("yekuo.deadline")
record DeadlineProperties(
        @DefaultValue("true") boolean sweepEnabled,
        @DefaultValue("1m") Duration sweepInterval,
        @DefaultValue("200") int batchSize,
        @DefaultValue("3") int yellowWorkingDays,
        @DefaultValue("1") int remindWorkingDays) {
}
