package org.yekuo.calendar;

import java.util.Collections;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The answer of a calendar computation with the years it had to compute on weekends only because
 * no calendar was loaded for them (R-SLA-2). Such an answer may change once the year is loaded, so
 * callers show it as provisional.
 */
public record CalendarResult<T>(T value, SortedSet<Integer> unloadedYears) {

    public CalendarResult {
        unloadedYears = Collections.unmodifiableSortedSet(new TreeSet<>(unloadedYears));
    }

    public boolean weekendsOnly() {
        return !unloadedYears.isEmpty();
    }
}
