package org.yekuo.deadline;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;
import org.yekuo.calendar.WorkingCalendar;
import org.yekuo.catalogue.LimitUnit;
import org.yekuo.catalogue.TimeLimit;

/**
 * Deadline arithmetic on the working-day calendar (R-SLA-1/2): a limit in working days ends with the last
 * of those days, one in working hours counts office hours; the reminder lies whole working days before the
 * deadline, never before the node was reached (the yellow threshold is {@link ThreeColourRule}'s); a pause
 * moves a deadline on by the working time it lasted.
 */
@Component
@EnableConfigurationProperties(DeadlineProperties.class)
class DueDates {

    static final LocalTime END_OF_DAY = LocalTime.of(23, 59, 59);

    private final WorkingCalendar calendar;
    private final DeadlineProperties properties;
    private final ZoneId zone;

    DueDates(WorkingCalendar calendar, DeadlineProperties properties, Clock clock) {
        this.calendar = calendar;
        this.properties = properties;
        this.zone = clock.getZone();
    }

    Instant due(TimeLimit limit, Instant from) {
        LocalDateTime start = LocalDateTime.ofInstant(from, zone);
        if (limit.unit() == LimitUnit.WORKING_HOURS) {
            return calendar.plusWorkingHours(start, Duration.ofHours(limit.amount())).value().atZone(zone).toInstant();
        }
        return endOf(calendar.plusWorkingDays(start.toLocalDate(), limit.amount()).value());
    }

    Instant endOf(LocalDate date) {
        return date.atTime(END_OF_DAY).atZone(zone).toInstant();
    }

    LocalDate dateOf(Instant instant) {
        return LocalDate.ofInstant(instant, zone);
    }

    boolean isWorkingDay(LocalDate date) {
        return calendar.isWorkingDay(date);
    }

    boolean isProvisional(LocalDate date) {
        return !calendar.isLoaded(date.getYear());
    }

    /**
     * When the handler of a node due at {@code due} is reminded: a working day before, moved on to the
     * next office hours so that nobody is texted at night. A node reached within that last working day
     * gets no reminder ahead (it equals {@code reachedAt}): it has just arrived on the handler's list.
     */
    Instant remindAt(Instant due, Instant reachedAt) {
        Instant threshold = workingDaysBefore(due, properties.remindWorkingDays(), reachedAt);
        Instant office = calendar.plusWorkingHours(LocalDateTime.ofInstant(threshold, zone), Duration.ZERO).value()
                .atZone(zone).toInstant();
        return office.isBefore(due) ? office : threshold;
    }

    /** The same time of day {@code workingDays} working days before {@code due}, but not before {@code notBefore}. */
    Instant workingDaysBefore(Instant due, int workingDays, Instant notBefore) {
        LocalDateTime at = LocalDateTime.ofInstant(due, zone);
        Instant threshold = calendar.plusWorkingDays(at.toLocalDate(), -workingDays).value().atTime(at.toLocalTime())
                .atZone(zone).toInstant();
        return threshold.isBefore(notBefore) ? notBefore : threshold;
    }

    /** The deadline moved on by the working time between the pause and the resumption. */
    Instant shifted(Instant due, LimitUnit unit, Instant pausedSince, Instant resumedAt) {
        LocalDateTime from = LocalDateTime.ofInstant(pausedSince, zone);
        LocalDateTime to = LocalDateTime.ofInstant(resumedAt, zone);
        if (!to.isAfter(from)) {
            return due;
        }
        LocalDateTime dueAt = LocalDateTime.ofInstant(due, zone);
        if (unit == LimitUnit.WORKING_HOURS) {
            Duration paused = calendar.workingHoursBetween(from, to).value();
            return calendar.plusWorkingHours(dueAt, paused).value().atZone(zone).toInstant();
        }
        int days = calendar.workingDaysBetween(from.toLocalDate(), to.toLocalDate()).value();
        return calendar.plusWorkingDays(dueAt.toLocalDate(), days).value().atTime(dueAt.toLocalTime()).atZone(zone).toInstant();
    }
}
