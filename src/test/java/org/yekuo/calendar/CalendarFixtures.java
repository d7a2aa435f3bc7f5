package org.yekuo.calendar;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.concurrent.ThreadLocalRandom;

/** Years and files for tests that load calendars into the shared database without touching shipped years. */
public final class CalendarFixtures {

    private CalendarFixtures() {
    }

    /** A year far ahead that no calendar has been loaded for yet. */
    public static int unloadedYear(WorkingCalendar calendar) {
        while (true) {
            int year = ThreadLocalRandom.current().nextInt(2040, 2100);
            if (!calendar.isLoaded(year)) {
                return year;
            }
        }
    }

    /** The year's first Saturday after 1 January and its 2 January, a Saturday and not a Saturday or Sunday. */
    public static LocalDate firstSaturdayAfterNewYear(int year) {
        LocalDate date = LocalDate.of(year, 1, 2);
        while (date.getDayOfWeek() != DayOfWeek.SATURDAY) {
            date = date.plusDays(1);
        }
        return date;
    }

    /** A valid year file: New Year's Day off and the first Saturday after it a working day. */
    public static String yearFile(int year) {
        return "date,kind,name_zh,name_en\n"
                + year + "-01-01,HOLIDAY,yuandan,New Year's Day\n"
                + firstSaturdayAfterNewYear(year) + ",ADJUSTED_WORKDAY,tiaoxiu,Make-up working day\n";
    }
}
