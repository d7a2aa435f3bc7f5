package org.yekuo.calendar;

import java.time.Instant;

/** A loaded year: where its days come from (the State Council's notice), who loaded it and when. */
public record CalendarYear(int year, String source, String loadedBy, Instant loadedAt, int holidays,
        int adjustedWorkdays) {
}
