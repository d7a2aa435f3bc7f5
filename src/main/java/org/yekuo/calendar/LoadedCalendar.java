package org.yekuo.calendar;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

import org.yekuo.shared.DomainException;

/**
 * The working-day rule over the years loaded so far (R-SLA-2): a day is a working day when it is
 * Monday to Friday and not a holiday, or when it is an adjusted working day. Years without a calendar
 * count weekends only, and every answer names the years for which that happened.
 */
final class LoadedCalendar {

    private final Set<Integer> loadedYears;
    private final Map<LocalDate, SpecialDay> specialDays;
    private final OfficeHours officeHours;

    LoadedCalendar(Set<Integer> loadedYears, Map<LocalDate, SpecialDay> specialDays, OfficeHours officeHours) {
        this.loadedYears = loadedYears;
        this.specialDays = specialDays;
        this.officeHours = officeHours;
    }

    boolean isLoaded(int year) {
        return loadedYears.contains(year);
    }

    CalendarDay day(LocalDate date) {
        SpecialDay special = specialDays.get(date);
        if (special != null) {
            return new CalendarDay(date, special.kind(), special.nameZh(), special.nameEn(), true);
        }
        return new CalendarDay(date, DayKind.ordinary(date), "", "", isLoaded(date.getYear()));
    }

    boolean isWorkingDay(LocalDate date) {
        SpecialDay special = specialDays.get(date);
        return (special != null ? special.kind() : DayKind.ordinary(date)).working();
    }

    /**
     * The working day {@code n} working days after {@code start}, not counting {@code start} itself:
     * a limit of 2 working days for an application accepted on Friday 2026-02-13 ends on
     * 2026-02-24 (Saturday 02-14 is an adjusted working day, 02-15 to 02-23 are the Spring Festival).
     * {@code n = 0} gives {@code start} when it is a working day, else the next working day; a
     * negative {@code n} counts backwards (one working day before a deadline is {@code n = -1}).
     */
    CalendarResult<LocalDate> plusWorkingDays(LocalDate start, int n) {
        LocalDate date = start;
        if (n == 0) {
            while (!isWorkingDay(date)) {
                date = date.plusDays(1);
            }
            return result(date, start, date);
        }
        int step = n > 0 ? 1 : -1;
        for (int left = Math.abs(n); left > 0;) {
            date = date.plusDays(step);
            if (isWorkingDay(date)) {
                left--;
            }
        }
        return n > 0 ? result(date, start.plusDays(1), date) : result(date, date, start.minusDays(1));
    }

    /**
     * The working days after {@code from} up to and including {@code to}, so that
     * {@code plusWorkingDays(from, workingDaysBetween(from, to))} is {@code to} for a working day
     * {@code to}. The same date gives 0.
     */
    CalendarResult<Integer> workingDaysBetween(LocalDate from, LocalDate to) {
        requireOrder(from, to);
        int days = 0;
        for (LocalDate date = from.plusDays(1); !date.isAfter(to); date = date.plusDays(1)) {
            if (isWorkingDay(date)) {
                days++;
            }
        }
        return result(days, from.plusDays(1), to);
    }

    /**
     * The moment when {@code hours} of office time have passed after {@code start}. Time outside
     * office hours, on weekends and on holidays does not count; a limit that is used up exactly at the
     * end of a period ends then (10:00 plus 2 hours is 12:00, not 13:30). Zero hours from outside
     * office hours give the start of the next period.
     */
    CalendarResult<LocalDateTime> plusWorkingHours(LocalDateTime start, Duration hours) {
        if (hours.isNegative()) {
            throw new IllegalArgumentException("Working hours to add must not be negative: " + hours);
        }
        Duration left = hours;
        LocalDateTime at = start;
        while (true) {
            LocalDate date = at.toLocalDate();
            if (isWorkingDay(date)) {
                for (OfficeHours.Period period : officeHours.periods()) {
                    LocalDateTime periodEnd = date.atTime(period.end());
                    if (!at.isBefore(periodEnd)) {
                        continue;
                    }
                    LocalDateTime from = later(at, date.atTime(period.start()));
                    Duration available = Duration.between(from, periodEnd);
                    if (left.compareTo(available) <= 0) {
                        LocalDateTime end = from.plus(left);
                        return result(end, start.toLocalDate(), end.toLocalDate());
                    }
                    left = left.minus(available);
                    at = periodEnd;
                }
            }
            at = date.plusDays(1).atStartOfDay();
        }
    }

    /** The office time between two moments, counted on working days only. */
    CalendarResult<Duration> workingHoursBetween(LocalDateTime from, LocalDateTime to) {
        requireOrder(from, to);
        Duration total = Duration.ZERO;
        for (LocalDate date = from.toLocalDate(); !date.isAfter(to.toLocalDate()); date = date.plusDays(1)) {
            if (!isWorkingDay(date)) {
                continue;
            }
            for (OfficeHours.Period period : officeHours.periods()) {
                LocalDateTime start = later(from, date.atTime(period.start()));
                LocalDateTime end = earlier(to, date.atTime(period.end()));
                if (start.isBefore(end)) {
                    total = total.plus(Duration.between(start, end));
                }
            }
        }
        return result(total, from.toLocalDate(), to.toLocalDate());
    }

    private <T> CalendarResult<T> result(T value, LocalDate firstConsulted, LocalDate lastConsulted) {
        SortedSet<Integer> unloaded = new TreeSet<>();
        for (int year = firstConsulted.getYear(); year <= lastConsulted.getYear(); year++) {
            if (!isLoaded(year)) {
                unloaded.add(year);
            }
        }
        return new CalendarResult<>(value, unloaded);
    }

    private static <T extends Comparable<? super T>> void requireOrder(T from, T to) {
        if (to.compareTo(from) < 0) {
            throw DomainException.invalid("to", "calendar.param.to-before-from", to.toString(), from.toString());
        }
    }

    private static LocalDateTime later(LocalDateTime a, LocalDateTime b) {
        return a.isAfter(b) ? a : b;
    }

    private static LocalDateTime earlier(LocalDateTime a, LocalDateTime b) {
        return a.isBefore(b) ? a : b;
    }
}
