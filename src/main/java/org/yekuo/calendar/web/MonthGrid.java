package org.yekuo.calendar.web;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

import org.yekuo.calendar.CalendarDay;
import org.yekuo.calendar.WorkingCalendar;

/** One month as weeks from Monday to Sunday, as Chinese wall calendars show it; empty cells are null. */
record MonthGrid(int month, List<List<CalendarDay>> weeks) {

    static List<MonthGrid> year(int year, WorkingCalendar calendar) {
        List<MonthGrid> months = new ArrayList<>();
        for (int month = 1; month <= 12; month++) {
            YearMonth yearMonth = YearMonth.of(year, month);
            List<List<CalendarDay>> weeks = new ArrayList<>();
            List<CalendarDay> week = new ArrayList<>();
            for (int blank = 1; blank < yearMonth.atDay(1).getDayOfWeek().getValue(); blank++) {
                week.add(null);
            }
            for (LocalDate date = yearMonth.atDay(1); !date.isAfter(yearMonth.atEndOfMonth()); date = date.plusDays(1)) {
                week.add(calendar.day(date));
                if (week.size() == 7) {
                    weeks.add(week);
                    week = new ArrayList<>();
                }
            }
            if (!week.isEmpty()) {
                while (week.size() < 7) {
                    week.add(null);
                }
                weeks.add(week);
            }
            months.add(new MonthGrid(month, weeks));
        }
        return months;
    }
}
