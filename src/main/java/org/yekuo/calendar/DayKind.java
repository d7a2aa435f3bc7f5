package org.yekuo.calendar;

import java.time.DayOfWeek;
import java.time.LocalDate;

/**
 * What a date is in the calendar. Only {@link #HOLIDAY} and {@link #ADJUSTED_WORKDAY} are stored
 * as special days; the other two follow from the day of the week.
 */
public enum DayKind {
    WORKDAY(true), WEEKEND(false), HOLIDAY(false), ADJUSTED_WORKDAY(true);

    private final boolean working;

    DayKind(boolean working) {
        this.working = working;
    }

    public boolean working() {
        return working;
    }

    /** What a date is by its day of the week alone, before holidays and adjusted working days. */
    public static DayKind ordinary(LocalDate date) {
        return date.getDayOfWeek() == DayOfWeek.SATURDAY || date.getDayOfWeek() == DayOfWeek.SUNDAY ? WEEKEND : WORKDAY;
    }

    public boolean special() {
        return this == HOLIDAY || this == ADJUSTED_WORKDAY;
    }

    public String messageKey() {
        return "calendar.kind." + name();
    }
}
