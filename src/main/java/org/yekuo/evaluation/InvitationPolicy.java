package org.yekuo.evaluation;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * When the evaluation texts go out (R-EVA-1): the invitation as soon as the order is complete, but never
 * at night, so always within 24 hours; the reminder once, {@code reminderAfter} an unanswered invitation,
 * also by day; the link lasts {@code linkValidity} from the invitation. Nothing is sent at night, not even
 * what fell due while no node was sweeping.
 */
final class InvitationPolicy {

    private final EvaluationProperties properties;

    InvitationPolicy(EvaluationProperties properties) {
        this.properties = properties;
    }

    Instant sendAfter(Instant completedAt, ZoneId zone) {
        return byDay(completedAt, zone);
    }

    Instant remindAfter(Instant invitedAt, ZoneId zone) {
        return byDay(invitedAt.plus(properties.reminderAfter()), zone);
    }

    Instant expiresAt(Instant invitedAt) {
        return invitedAt.plus(properties.linkValidity());
    }

    /** Whether texts may go out now: a sweep that ran late (a node was down) still sends nothing at night. */
    boolean isDay(Instant moment, ZoneId zone) {
        return byDay(moment, zone).equals(moment);
    }

    /** The moment itself when it falls in the customer's day, otherwise the start of the next one. */
    private Instant byDay(Instant moment, ZoneId zone) {
        ZonedDateTime local = moment.atZone(zone);
        LocalTime time = local.toLocalTime();
        if (!time.isBefore(properties.smsFrom()) && time.isBefore(properties.smsUntil())) {
            return moment;
        }
        ZonedDateTime day = time.isBefore(properties.smsFrom()) ? local : local.plusDays(1);
        return day.with(properties.smsFrom()).toInstant();
    }
}
