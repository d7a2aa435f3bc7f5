package org.yekuo.calendar.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.yekuo.audit.AuditTrail;
import org.yekuo.calendar.DayKind;
import org.yekuo.calendar.SpecialDay;
import org.yekuo.identity.CurrentUsers;
import org.yekuo.shared.DomainException;
import org.yekuo.shared.DomainException.FieldProblem;

/**
 * The administrator's changes to the calendar (R-SLA-2): a whole year loaded or replaced from the
 * State Council's notice, and single days added, changed or removed. Each change is all or nothing,
 * audited in its transaction, and seen by every node's {@link CalendarCache}.
 */
@Service
@PreAuthorize("hasRole('ADMIN')")
public class CalendarAdministration {

    static final String SUBJECT = "calendar-year";

    private final CalendarYears years;
    private final CalendarCache cache;
    private final AuditTrail audit;
    private final CurrentUsers users;
    private final Clock clock;

    CalendarAdministration(CalendarYears years, CalendarCache cache, AuditTrail audit, CurrentUsers users, Clock clock) {
        this.years = years;
        this.cache = cache;
        this.audit = audit;
        this.users = users;
        this.clock = clock;
    }

    /** Loads or replaces a year from a CSV file; refuses the whole file, saving nothing, at the first bad line. */
    @Transactional
    public void replaceYearFromFile(int year, String source, byte[] csv) {
        YearFile.Read read = YearFile.read(csv);
        load(year, source, RowFormat.CSV_FILE, read.lines(), read.problems());
    }

    /** Loads or replaces a year from days sent as JSON, numbered from 1 in the order given. */
    @Transactional
    public void replaceYear(int year, String source, List<DayLine> days) {
        load(year, source, RowFormat.JSON_YEAR, days, List.of());
    }

    @Transactional
    public SpecialDay addDay(DayLine line) {
        SpecialDay day = accepted(line);
        if (!years.isLoaded(day.year())) {
            throw DomainException.invalid("date", "calendar.day.year-not-loaded", day.date().toString(),
                    String.valueOf(day.year()));
        }
        if (years.find(day.date()).isPresent()) {
            throw DomainException.conflict("calendar.day.exists", day.date().toString());
        }
        years.insert(day);
        changed(day.year(), CalendarAudit.DAY_ADDED, describe(day));
        return day;
    }

    @Transactional
    public SpecialDay changeDay(LocalDate date, DayLine line) {
        SpecialDay before = existing(date);
        SpecialDay day = accepted(new DayLine(line.number(), date.toString(), line.kind(), line.nameZh(), line.nameEn()));
        years.update(day);
        changed(day.year(), CalendarAudit.DAY_CHANGED, describe(before) + " -> " + describe(day));
        return day;
    }

    @Transactional
    public void removeDay(LocalDate date) {
        SpecialDay before = existing(date);
        years.delete(date);
        changed(before.year(), CalendarAudit.DAY_REMOVED, describe(before));
    }

    private void load(int year, String source, RowFormat format, List<DayLine> lines, List<FieldProblem> readProblems) {
        SpecialDayPolicy.checkYearNumber(year, "year").ifPresent(p -> {
            throw new DomainException(HttpStatus.UNPROCESSABLE_CONTENT, List.of(p), p.messageKey(), p.arguments());
        });
        List<FieldProblem> earlier = new ArrayList<>();
        SpecialDayPolicy.checkSource(source, "source").ifPresent(earlier::add);
        earlier.addAll(readProblems);
        SpecialDayPolicy.Checked checked = SpecialDayPolicy.checkYear(year, format, lines, earlier);
        if (!checked.accepted()) {
            throw new DomainException(HttpStatus.UNPROCESSABLE_CONTENT, checked.problems(), "calendar.year.refused",
                    String.valueOf(year), String.valueOf(checked.problems().size()));
        }
        boolean replacing = years.isLoaded(year);
        years.replaceYear(year, source.strip(), users.require().username(), clock.instant(), checked.days());
        long holidays = checked.days().stream().filter(d -> d.kind() == DayKind.HOLIDAY).count();
        changed(year, replacing ? CalendarAudit.YEAR_REPLACED : CalendarAudit.YEAR_LOADED, "source=" + source.strip()
                + "; holidays=" + holidays + "; adjustedWorkdays=" + (checked.days().size() - holidays));
    }

    private SpecialDay accepted(DayLine line) {
        SpecialDayPolicy.Checked checked = SpecialDayPolicy.checkDay(line);
        if (!checked.accepted()) {
            throw new DomainException(HttpStatus.UNPROCESSABLE_CONTENT, checked.problems(), "validation.failed");
        }
        return checked.days().get(0);
    }

    private SpecialDay existing(LocalDate date) {
        return years.find(date).orElseThrow(() -> DomainException.notFound("calendar.day.not-found", date.toString()));
    }

    private void changed(int year, CalendarAudit action, String detail) {
        cache.changed();
        audit.record(action, SUBJECT, String.valueOf(year), detail);
    }

    private static String describe(SpecialDay day) {
        return day.date() + " " + day.kind() + " " + day.nameZh() + " / " + day.nameEn();
    }
}
