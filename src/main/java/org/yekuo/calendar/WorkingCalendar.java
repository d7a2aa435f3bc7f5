package org.yekuo.calendar;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Service;
import org.yekuo.calendar.internal.CalendarCache;
import org.yekuo.shared.DomainException;

/**
 * Working days and office hours for every deadline of the product (R-SLA-2, R-SLA-8), from the
 * calendar loaded for each year. A date in a year without a calendar counts weekends only: the
 * answers say so ({@link CalendarResult#unloadedYears()}, {@link CalendarDay#yearLoaded()}) and the
 * log warns once per such year.
 */
@Service
@EnableConfigurationProperties(OfficeHours.class)
public class WorkingCalendar {

    private static final Logger log = LoggerFactory.getLogger(WorkingCalendar.class);

    private final CalendarCache cache;
    private final OfficeHours officeHours;
    private final Set<Integer> warnedYears = ConcurrentHashMap.newKeySet();

    WorkingCalendar(CalendarCache cache, OfficeHours officeHours) {
        this.cache = cache;
        this.officeHours = officeHours;
    }

    public boolean isLoaded(int year) {
        return cache.current().years().containsKey(year);
    }

    public boolean isWorkingDay(LocalDate date) {
        return day(date).working();
    }

    /** The date with its kind and, for a holiday or an adjusted working day, its names. */
    public CalendarDay day(LocalDate date) {
        CalendarDay day = calendar().day(date);
        if (!day.yearLoaded()) {
            warnOnce(date.getYear());
        }
        return day;
    }

    /**
     * The date {@code n} working days after {@code start}, {@code start} itself not counted; {@code n = 0}
     * gives {@code start} if it is a working day, else the next working day; a negative {@code n}
     * counts backwards.
     */
    public CalendarResult<LocalDate> plusWorkingDays(LocalDate start, int n) {
        return warned(calendar().plusWorkingDays(start, n));
    }

    /**
     * The working days after {@code from} up to and including {@code to}.
     *
     * @throws DomainException (field {@code to}) when {@code to} lies before {@code from}
     */
    public CalendarResult<Integer> workingDaysBetween(LocalDate from, LocalDate to) {
        return warned(calendar().workingDaysBetween(from, to));
    }

    /**
     * The moment when {@code hours} of office time have passed after {@code start}, skipping the time
     * outside office hours, weekends and holidays.
     *
     * @throws IllegalArgumentException when {@code hours} is negative
     */
    public CalendarResult<LocalDateTime> plusWorkingHours(LocalDateTime start, Duration hours) {
        return warned(calendar().plusWorkingHours(start, hours));
    }

    /**
     * The office time on working days between two moments.
     *
     * @throws DomainException (field {@code to}) when {@code to} lies before {@code from}
     */
    public CalendarResult<Duration> workingHoursBetween(LocalDateTime from, LocalDateTime to) {
        return warned(calendar().workingHoursBetween(from, to));
    }

    /** The loaded years in order, each with its source and how many special days it has. */
    public List<CalendarYear> years() {
        return List.copyOf(cache.current().years().values());
    }

    public Optional<CalendarYear> year(int year) {
        return Optional.ofNullable(cache.current().years().get(year));
    }

    /** The holidays and adjusted working days of a year in date order; empty when it is not loaded. */
    public List<SpecialDay> specialDays(int year) {
        return cache.current().days().values().stream()
                .filter(day -> day.year() == year)
                .sorted(Comparator.comparing(SpecialDay::date))
                .toList();
    }

    private LoadedCalendar calendar() {
        CalendarCache.Snapshot snapshot = cache.current();
        return new LoadedCalendar(snapshot.years().keySet(), snapshot.days(), officeHours);
    }

    private <T> CalendarResult<T> warned(CalendarResult<T> result) {
        result.unloadedYears().forEach(this::warnOnce);
        return result;
    }

    private void warnOnce(int year) {
        if (warnedYears.add(year)) {
            log.warn("No working-day calendar is loaded for {}: its dates are computed on weekends only until an"
                    + " administrator loads the State Council's notice for that year", year);
        }
    }
}
