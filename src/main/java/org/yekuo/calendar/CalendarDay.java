package org.yekuo.calendar;

import java.time.LocalDate;

/**
 * One date as the calendar sees it. The names are empty for ordinary working days and weekends;
 * {@code yearLoaded} is false when the date's year has no calendar, so that only weekends count.
 */
public record CalendarDay(LocalDate date, DayKind kind, String nameZh, String nameEn, boolean yearLoaded) {

    public boolean working() {
        return kind.working();
    }
}
