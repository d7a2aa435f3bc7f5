package org.yekuo.evaluation;

import java.time.Duration;
import java.time.LocalTime;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Evaluation settings ({@code yekuo.evaluation.*}): the sweep that sends invitations and reminders runs
 * every minute on every node; texts go out only between {@code sms-from} and {@code sms-until} (the
 * customer's day), a reminder {@code reminder-after} an unanswered invitation, and a link lasts
 * {@code link-validity}. A rating is flagged when submitted sooner than {@code min-reading-time} after the
 * page opened, or when it is the {@code burst-limit}-th from one address within {@code burst-window}.
 */
@ConfigurationProperties("yekuo.evaluation")
record EvaluationProperties(
        @DefaultValue("true") boolean sweepEnabled,
        @DefaultValue("1m") Duration sweepInterval,
        @DefaultValue("200") int batchSize,
        @DefaultValue("08:00") LocalTime smsFrom,
        @DefaultValue("21:00") LocalTime smsUntil,
        @DefaultValue("3d") Duration reminderAfter,
        @DefaultValue("30d") Duration linkValidity,
        @DefaultValue("20s") Duration minReadingTime,
        @DefaultValue("3") int burstLimit,
        @DefaultValue("1h") Duration burstWindow) {
}
