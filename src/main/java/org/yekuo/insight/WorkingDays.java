package org.yekuo.insight;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;
import org.yekuo.calendar.WorkingCalendar;

/**
 * Elapsed working days between two moments, as the bottleneck view and the simulation count them: the part of
 * each working day of the calendar that lies between them, a whole day counting 1 (so a node reached on Friday
 * afternoon and done on Monday morning took about one working day, not three days).
 */
@Component
class WorkingDays {

    private static final double DAY_SECONDS = 86_400.0;

    private final WorkingCalendar calendar;
    private final Map<LocalDate, Boolean> working = new ConcurrentHashMap<>();

    WorkingDays(WorkingCalendar calendar) {
        this.calendar = calendar;
    }

    boolean working(LocalDate date) {
        // Only loaded years are kept: a year loaded later must not be read as weekends only from the cache.
        if (!calendar.isLoaded(date.getYear())) {
            return calendar.isWorkingDay(date);
        }
        return working.computeIfAbsent(date, calendar::isWorkingDay);
    }

    double between(Instant from, Instant to, ZoneId zone) {
        if (from == null || to == null || !to.isAfter(from)) {
            return 0;
        }
        ZonedDateTime start = from.atZone(zone);
        ZonedDateTime end = to.atZone(zone);
        double days = 0;
        LocalDate date = start.toLocalDate();
        while (!date.isAfter(end.toLocalDate())) {
            if (working(date)) {
                Instant dayStart = date.atStartOfDay(zone).toInstant();
                Instant dayEnd = date.plusDays(1).atStartOfDay(zone).toInstant();
                Instant a = from.isAfter(dayStart) ? from : dayStart;
                Instant b = to.isBefore(dayEnd) ? to : dayEnd;
                if (b.isAfter(a)) {
                    days += Duration.between(a, b).toSeconds() / DAY_SECONDS;
                }
            }
            date = date.plusDays(1);
        }
        return days;
    }
}
