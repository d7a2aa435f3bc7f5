package org.yekuo.evaluation;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;

/**
 * One evaluation per phone number per week (R-EVA-3): the calendar week, Monday to Sunday in the
 * utility's zone, as customers count weeks.
 */
final class WeeklyLimit {

    private WeeklyLimit() {
    }

    static Instant weekStart(Instant now, ZoneId zone) {
        return monday(now, zone).atStartOfDay(zone).toInstant();
    }

    /** The day from which the phone may rate again. */
    static LocalDate nextWeek(Instant now, ZoneId zone) {
        return monday(now, zone).plusWeeks(1);
    }

    private static LocalDate monday(Instant now, ZoneId zone) {
        return LocalDate.ofInstant(now, zone).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    }
}
