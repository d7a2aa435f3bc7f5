package org.yekuo.calendar.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.yekuo.calendar.CalendarYear;
import org.yekuo.calendar.DayKind;
import org.yekuo.calendar.SpecialDay;

/**
 * All loaded years in memory: deadline arithmetic runs in loops over many orders and must not query
 * the database per day. A change on this node drops the copy as soon as it commits. Other nodes on
 * the same database notice through the revision counter, which is read at most every
 * {@link #REVISION_CHECK_INTERVAL}: the calendar changes a few times a year, so a few seconds of an
 * old calendar on another node is harmless, while checking on every call would add a database round
 * trip to every computation, and a plain time-to-live would reload all years although nothing changed.
 */
@Component
public class CalendarCache {

    static final Duration REVISION_CHECK_INTERVAL = Duration.ofSeconds(5);

    private final CalendarYears years;
    private final Clock clock;
    private volatile Snapshot snapshot;

    CalendarCache(CalendarYears years, Clock clock) {
        this.years = years;
        this.clock = clock;
    }

    public Snapshot current() {
        Snapshot cached = snapshot;
        Instant now = clock.instant();
        if (cached == null) {
            return snapshot = load(now);
        }
        if (now.isAfter(cached.checkedAt().plus(REVISION_CHECK_INTERVAL))) {
            return snapshot = years.revision() == cached.revision() ? cached.checkedAgainAt(now) : load(now);
        }
        return cached;
    }

    /**
     * Marks the calendar as changed in the caller's transaction and drops this node's copy once the
     * transaction commits (dropping it earlier could reload the old days under the new revision).
     */
    void changed() {
        years.bumpRevision();
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                snapshot = null;
            }
        });
    }

    // The revision is read first: a change committing meanwhile leaves newer days under an older
    // revision, which the next check reloads, never older days under a newer revision.
    private Snapshot load(Instant now) {
        long revision = years.revision();
        List<SpecialDay> days = years.specialDays();
        Map<Integer, Map<DayKind, Long>> counts = days.stream()
                .collect(Collectors.groupingBy(SpecialDay::year, Collectors.groupingBy(SpecialDay::kind, Collectors.counting())));
        Map<Integer, CalendarYear> loaded = new TreeMap<>();
        for (CalendarYears.YearSource year : years.years()) {
            Map<DayKind, Long> count = counts.getOrDefault(year.year(), Map.of());
            loaded.put(year.year(), new CalendarYear(year.year(), year.source(), year.loadedBy(), year.loadedAt(),
                    count.getOrDefault(DayKind.HOLIDAY, 0L).intValue(),
                    count.getOrDefault(DayKind.ADJUSTED_WORKDAY, 0L).intValue()));
        }
        Map<LocalDate, SpecialDay> byDate = days.stream()
                .collect(Collectors.toMap(SpecialDay::date, Function.identity(), (a, b) -> a, HashMap::new));
        return new Snapshot(revision, Collections.unmodifiableMap(loaded), Collections.unmodifiableMap(byDate), now);
    }

    /** The calendar as of one revision: the loaded years (in order) and their special days by date. */
    public record Snapshot(long revision, Map<Integer, CalendarYear> years, Map<LocalDate, SpecialDay> days,
            Instant checkedAt) {

        Snapshot checkedAgainAt(Instant now) {
            return new Snapshot(revision, years, days, now);
        }
    }
}
