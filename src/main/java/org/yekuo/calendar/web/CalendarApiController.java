package org.yekuo.calendar.web;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.stream.IntStream;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.format.annotation.DateTimeFormat.ISO;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.yekuo.identity.AccessRules;
import org.yekuo.calendar.CalendarDay;
import org.yekuo.calendar.CalendarResult;
import org.yekuo.calendar.CalendarYear;
import org.yekuo.calendar.DayKind;
import org.yekuo.calendar.SpecialDay;
import org.yekuo.calendar.WorkingCalendar;
import org.yekuo.calendar.internal.CalendarAdministration;
import org.yekuo.calendar.internal.DayLine;
import org.yekuo.shared.DomainException;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * The working-day calendar for integrators and other systems: every signed-in member of staff may ask,
 * only administrators change it. Answers computed over a year without a calendar list that year
 * under {@code unloadedYears} and set {@code weekendsOnly}.
 */
@RestController
@RequestMapping("/api/calendar")
@Tag(name = "Calendar", description = "China's working-day calendar (holidays, adjusted working days) and deadline arithmetic")
class CalendarApiController {

    /** Ten years of working days either way: far beyond any time limit, short enough to compute at once. */
    static final int MAX_WORKING_DAYS = 2500;
    /** About a year of office time. */
    static final int MAX_WORKING_HOURS = 2000;

    private final WorkingCalendar calendar;
    private final CalendarAdministration administration;

    CalendarApiController(WorkingCalendar calendar, CalendarAdministration administration) {
        this.calendar = calendar;
        this.administration = administration;
    }

    @GetMapping("/days/{date}")
    @PreAuthorize(AccessRules.STAFF)
    @Operation(summary = "Is a date a working day", description = "The date's kind (WORKDAY, WEEKEND, HOLIDAY, "
            + "ADJUSTED_WORKDAY) and, for special days, their names. yearLoaded=false: only weekends were considered.")
    DayAnswer day(@Parameter(description = "yyyy-MM-dd") @PathVariable @DateTimeFormat(iso = ISO.DATE) LocalDate date) {
        CalendarDay day = calendar.day(date);
        return new DayAnswer(date, day.working(), day.kind(), day.nameZh(), day.nameEn(), day.yearLoaded());
    }

    @GetMapping("/working-days/plus")
    @PreAuthorize(AccessRules.STAFF)
    @Operation(summary = "A date plus N working days", description = "The date N working days after start, start "
            + "itself not counted (accepted on 2026-02-13 with 2 working days: due 2026-02-24). n=0 gives start if it "
            + "is a working day, else the next working day; a negative n counts backwards.")
    PlusDaysAnswer plusWorkingDays(@RequestParam @DateTimeFormat(iso = ISO.DATE) LocalDate start,
            @Parameter(description = "-2500 to 2500") @RequestParam int n) {
        if (Math.abs(n) > MAX_WORKING_DAYS) {
            throw DomainException.invalid("n", "calendar.param.n-range", String.valueOf(n),
                    String.valueOf(-MAX_WORKING_DAYS), String.valueOf(MAX_WORKING_DAYS));
        }
        CalendarResult<LocalDate> result = calendar.plusWorkingDays(start, n);
        return new PlusDaysAnswer(start, n, result.value(), List.copyOf(result.unloadedYears()), result.weekendsOnly());
    }

    @GetMapping("/working-days/between")
    @PreAuthorize(AccessRules.STAFF)
    @Operation(summary = "Working days between two dates", description = "The working days after from up to and "
            + "including to; the same date gives 0. to must not be before from.")
    BetweenDaysAnswer workingDaysBetween(@RequestParam @DateTimeFormat(iso = ISO.DATE) LocalDate from,
            @RequestParam @DateTimeFormat(iso = ISO.DATE) LocalDate to) {
        CalendarResult<Integer> result = calendar.workingDaysBetween(from, to);
        return new BetweenDaysAnswer(from, to, result.value(), List.copyOf(result.unloadedYears()), result.weekendsOnly());
    }

    @GetMapping("/working-hours/plus")
    @PreAuthorize(AccessRules.STAFF)
    @Operation(summary = "A moment plus working hours", description = "The moment when the given office time has "
            + "passed after start, skipping nights, lunch breaks, weekends and holidays (office hours are set by "
            + "yekuo.calendar.office-hours, by default 08:30-12:00 and 13:30-17:30).")
    PlusHoursAnswer plusWorkingHours(
            @Parameter(description = "yyyy-MM-ddTHH:mm") @RequestParam @DateTimeFormat(iso = ISO.DATE_TIME) LocalDateTime start,
            @Parameter(description = "0 to 2000") @RequestParam int hours,
            @Parameter(description = "0 to 59") @RequestParam(defaultValue = "0") int minutes) {
        if (hours < 0 || hours > MAX_WORKING_HOURS || minutes < 0 || minutes > 59) {
            throw DomainException.invalid(hours < 0 || hours > MAX_WORKING_HOURS ? "hours" : "minutes",
                    "calendar.param.hours-range", String.valueOf(hours), String.valueOf(minutes),
                    String.valueOf(MAX_WORKING_HOURS));
        }
        Duration duration = Duration.ofHours(hours).plusMinutes(minutes);
        CalendarResult<LocalDateTime> result = calendar.plusWorkingHours(start, duration);
        return new PlusHoursAnswer(start, duration.toMinutes(), result.value(), List.copyOf(result.unloadedYears()),
                result.weekendsOnly());
    }

    @GetMapping("/working-hours/between")
    @PreAuthorize(AccessRules.STAFF)
    @Operation(summary = "Working hours between two moments", description = "The office time on working days "
            + "between from and to, in minutes and as an ISO-8601 duration. to must not be before from.")
    BetweenHoursAnswer workingHoursBetween(@RequestParam @DateTimeFormat(iso = ISO.DATE_TIME) LocalDateTime from,
            @RequestParam @DateTimeFormat(iso = ISO.DATE_TIME) LocalDateTime to) {
        CalendarResult<Duration> result = calendar.workingHoursBetween(from, to);
        return new BetweenHoursAnswer(from, to, result.value().toMinutes(), result.value().toString(),
                List.copyOf(result.unloadedYears()), result.weekendsOnly());
    }

    @GetMapping("/years")
    @PreAuthorize(AccessRules.STAFF)
    @Operation(summary = "The loaded years", description = "Each year with its source notice, who loaded it and "
            + "when, and how many holidays and adjusted working days it has. Other years count weekends only.")
    List<CalendarYear> years() {
        return calendar.years();
    }

    @GetMapping("/years/{year}")
    @PreAuthorize(AccessRules.STAFF)
    @Operation(summary = "A year's special days", description = "404 when no calendar is loaded for the year.")
    YearAnswer year(@PathVariable int year) {
        return yearAnswer(year);
    }

    @PutMapping("/years/{year}")
    @PreAuthorize(AccessRules.ADMIN)
    @Operation(summary = "Load or replace a year (administrators)", description = "Replaces all special days of the "
            + "year. Refused as a whole, nothing saved, with one error per bad entry (days[i].field) when any entry "
            + "is wrong: a date twice, not yyyy-MM-dd, outside the year; a kind other than HOLIDAY or "
            + "ADJUSTED_WORKDAY; an adjusted working day that is not a Saturday or Sunday; a missing name.")
    YearAnswer replaceYear(@PathVariable int year, @RequestBody YearRequest request) {
        List<DayRequest> days = request.days() == null ? List.of() : request.days();
        administration.replaceYear(year, request.source(), IntStream.range(0, days.size())
                .mapToObj(i -> days.get(i).toLine(i + 1, days.get(i).date())).toList());
        return yearAnswer(year);
    }

    @PostMapping(path = "/years/{year}/file", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @PreAuthorize(AccessRules.ADMIN)
    @Operation(summary = "Load or replace a year from a CSV file (administrators)", description = "UTF-8 CSV with the "
            + "header date,kind,name_zh,name_en. Refused as a whole, nothing saved, with one error per bad line "
            + "(line[n].column).")
    YearAnswer uploadYear(@PathVariable int year, @RequestParam(required = false) MultipartFile file,
            @RequestParam(required = false) String source) throws IOException {
        administration.replaceYearFromFile(year, source, file == null ? new byte[0] : file.getBytes());
        return yearAnswer(year);
    }

    @PostMapping("/special-days")
    @PreAuthorize(AccessRules.ADMIN)
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Add a special day (administrators)", description = "The year must be loaded already.")
    SpecialDay addDay(@RequestBody DayRequest request) {
        return administration.addDay(request.toLine(1, request.date()));
    }

    @PutMapping("/special-days/{date}")
    @PreAuthorize(AccessRules.ADMIN)
    @Operation(summary = "Change a special day (administrators)")
    SpecialDay changeDay(@PathVariable @DateTimeFormat(iso = ISO.DATE) LocalDate date, @RequestBody DayRequest request) {
        return administration.changeDay(date, request.toLine(1, date.toString()));
    }

    @DeleteMapping("/special-days/{date}")
    @PreAuthorize(AccessRules.ADMIN)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Remove a special day (administrators)")
    void removeDay(@PathVariable @DateTimeFormat(iso = ISO.DATE) LocalDate date) {
        administration.removeDay(date);
    }

    private YearAnswer yearAnswer(int year) {
        CalendarYear loaded = calendar.year(year)
                .orElseThrow(() -> DomainException.notFound("calendar.year.not-loaded", String.valueOf(year)));
        return new YearAnswer(loaded.year(), loaded.source(), loaded.loadedBy(), loaded.loadedAt(), loaded.holidays(),
                loaded.adjustedWorkdays(), calendar.specialDays(year));
    }

    record DayAnswer(LocalDate date, boolean working, DayKind kind, String nameZh, String nameEn, boolean yearLoaded) {
    }

    record PlusDaysAnswer(LocalDate start, int n, LocalDate date, List<Integer> unloadedYears, boolean weekendsOnly) {
    }

    record BetweenDaysAnswer(LocalDate from, LocalDate to, int workingDays, List<Integer> unloadedYears,
            boolean weekendsOnly) {
    }

    record PlusHoursAnswer(LocalDateTime start, long minutes, LocalDateTime end, List<Integer> unloadedYears,
            boolean weekendsOnly) {
    }

    record BetweenHoursAnswer(LocalDateTime from, LocalDateTime to, long minutes, String duration,
            List<Integer> unloadedYears, boolean weekendsOnly) {
    }

    record YearAnswer(int year, String source, String loadedBy, Instant loadedAt, int holidays, int adjustedWorkdays,
            List<SpecialDay> days) {
    }

    /** A year as JSON: the source notice and its days, checked like the lines of a file. */
    record YearRequest(String source, List<DayRequest> days) {
    }

    /** One special day as sent; text fields, so that a bad date is reported with its entry, not as unreadable JSON. */
    record DayRequest(String date, String kind, String nameZh, String nameEn) {

        DayLine toLine(int number, String dateText) {
            return new DayLine(number, dateText, kind, nameZh, nameEn);
        }
    }
}
