package org.yekuo.calendar.internal;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.springframework.context.support.DefaultMessageSourceResolvable;
import org.yekuo.calendar.DayKind;
import org.yekuo.calendar.SpecialDay;
import org.yekuo.calendar.internal.RowFormat.Field;
import org.yekuo.shared.DomainException.FieldProblem;

/**
 * What makes a year's special days acceptable (R-SLA-2): each date is a real yyyy-MM-dd date of that
 * year and appears once; the kind is HOLIDAY or ADJUSTED_WORKDAY; an adjusted working day falls on a
 * Saturday or Sunday (a weekday is a working day already); both names are given; and a year has at
 * least one holiday, as every State Council notice does. A holiday may fall on any day: the notices
 * list whole breaks, weekends included. Every problem is reported, one per line and field, so that
 * a file can be mended in one go.
 */
final class SpecialDayPolicy {

    static final int FIRST_YEAR = 2000;
    static final int LAST_YEAR = 2099;
    static final int MAX_NAME_LENGTH = 40;
    static final int MAX_SOURCE_LENGTH = 200;

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd")
            .withResolverStyle(ResolverStyle.STRICT);

    private SpecialDayPolicy() {
    }

    /**
     * The year's days when every line is acceptable; otherwise the problems, and no days. Problems
     * found before (a line that could not be read, a missing source) come first in the answer.
     */
    static Checked checkYear(int year, RowFormat format, List<DayLine> lines, List<FieldProblem> earlier) {
        List<FieldProblem> problems = new ArrayList<>(earlier);
        List<SpecialDay> days = new ArrayList<>();
        Map<LocalDate, DayLine> seen = new HashMap<>();
        for (DayLine line : lines) {
            Optional<SpecialDay> day = checkLine(line, format, year, problems);
            day.ifPresent(d -> {
                DayLine first = seen.putIfAbsent(d.date(), line);
                if (first != null) {
                    problems.add(format.problem(line, Field.DATE, "calendar.day.date-duplicate", d.date().toString(),
                            format.where(first)));
                } else {
                    days.add(d);
                }
            });
        }
        if (problems.isEmpty() && days.stream().noneMatch(d -> d.kind() == DayKind.HOLIDAY)) {
            problems.add(new FieldProblem(format == RowFormat.CSV_FILE ? "file" : "days", "calendar.year.no-holiday",
                    String.valueOf(year)));
        }
        return problems.isEmpty() ? new Checked(days, List.of()) : new Checked(List.of(), problems);
    }

    /** A single day; whether its year is loaded is for the caller to check. */
    static Checked checkDay(DayLine line) {
        List<FieldProblem> problems = new ArrayList<>();
        Optional<SpecialDay> day = checkLine(line, RowFormat.SINGLE_DAY, null, problems);
        return new Checked(day.stream().toList(), problems);
    }

    static Optional<FieldProblem> checkSource(String source, String field) {
        if (source == null || source.isBlank()) {
            return Optional.of(new FieldProblem(field, "calendar.source.missing", String.valueOf(MAX_SOURCE_LENGTH)));
        }
        if (source.strip().length() > MAX_SOURCE_LENGTH) {
            return Optional.of(new FieldProblem(field, "calendar.source.too-long",
                    String.valueOf(source.strip().length()), String.valueOf(MAX_SOURCE_LENGTH)));
        }
        return Optional.empty();
    }

    static Optional<FieldProblem> checkYearNumber(int year, String field) {
        return year < FIRST_YEAR || year > LAST_YEAR
                ? Optional.of(new FieldProblem(field, "calendar.year.out-of-range", String.valueOf(year),
                        String.valueOf(FIRST_YEAR), String.valueOf(LAST_YEAR)))
                : Optional.empty();
    }

    private static Optional<SpecialDay> checkLine(DayLine line, RowFormat format, Integer year, List<FieldProblem> problems) {
        int before = problems.size();
        LocalDate date = null;
        String dateText = strip(line.date());
        try {
            date = LocalDate.parse(dateText, DATE);
            if (year != null && date.getYear() != year) {
                problems.add(format.problem(line, Field.DATE, "calendar.day.date-outside-year", dateText, String.valueOf(year)));
            }
        } catch (DateTimeParseException e) {
            problems.add(format.problem(line, Field.DATE, "calendar.day.date-malformed", dateText));
        }
        DayKind kind = kind(strip(line.kind()));
        if (kind == null) {
            problems.add(format.problem(line, Field.KIND, "calendar.day.kind-unknown", strip(line.kind())));
        } else if (kind == DayKind.ADJUSTED_WORKDAY && date != null && DayKind.ordinary(date) != DayKind.WEEKEND) {
            problems.add(format.problem(line, Field.KIND, "calendar.day.adjusted-not-weekend", date.toString(),
                    new DefaultMessageSourceResolvable("calendar.weekday." + date.getDayOfWeek().getValue())));
        }
        String nameZh = checkName(line, format, Field.NAME_ZH, line.nameZh(), problems);
        String nameEn = checkName(line, format, Field.NAME_EN, line.nameEn(), problems);
        return problems.size() == before ? Optional.of(new SpecialDay(date, kind, nameZh, nameEn)) : Optional.empty();
    }

    private static String checkName(DayLine line, RowFormat format, Field field, String name, List<FieldProblem> problems) {
        String stripped = strip(name);
        if (stripped.isEmpty()) {
            problems.add(format.problem(line, field, "calendar.day.name-missing", String.valueOf(MAX_NAME_LENGTH)));
        } else if (stripped.length() > MAX_NAME_LENGTH) {
            problems.add(format.problem(line, field, "calendar.day.name-too-long", String.valueOf(stripped.length()),
                    String.valueOf(MAX_NAME_LENGTH)));
        }
        return stripped;
    }

    private static DayKind kind(String text) {
        for (DayKind kind : DayKind.values()) {
            if (kind.special() && kind.name().equals(text.toUpperCase(Locale.ROOT))) {
                return kind;
            }
        }
        return null;
    }

    private static String strip(String text) {
        return text == null ? "" : text.strip();
    }

    /** Either the accepted days or the problems found. */
    record Checked(List<SpecialDay> days, List<FieldProblem> problems) {

        boolean accepted() {
            return problems.isEmpty();
        }
    }
}
