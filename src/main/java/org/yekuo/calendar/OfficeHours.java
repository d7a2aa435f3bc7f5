package org.yekuo.calendar;

import java.time.Duration;
import java.time.LocalTime;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The office hours of a working day, used for limits in hours (for example stock confirmation
 * within 2 hours). Set {@code yekuo.calendar.office-hours.periods[i].start/end} (HH:mm) to change
 * them; without settings the utility's usual 08:30-12:00 and 13:30-17:30 apply.
 */
@ConfigurationProperties("yekuo.calendar.office-hours")
record OfficeHours(List<Period> periods) {

    static final OfficeHours DEFAULT = new OfficeHours(null);

    OfficeHours {
        periods = periods == null || periods.isEmpty()
                ? List.of(new Period(LocalTime.of(8, 30), LocalTime.of(12, 0)),
                        new Period(LocalTime.of(13, 30), LocalTime.of(17, 30)))
                : List.copyOf(periods);
        for (int i = 1; i < periods.size(); i++) {
            if (periods.get(i).start().isBefore(periods.get(i - 1).end())) {
                throw new IllegalArgumentException("yekuo.calendar.office-hours.periods must be in order of the day and"
                        + " must not overlap: " + periods.get(i - 1) + " then " + periods.get(i));
            }
        }
    }

    /** One stretch of office time within a day; it ends before midnight. */
    record Period(LocalTime start, LocalTime end) {

        Period {
            if (start == null || end == null || !start.isBefore(end)) {
                throw new IllegalArgumentException("An office-hours period needs a start before its end, got "
                        + start + "-" + end);
            }
        }

        Duration length() {
            return Duration.between(start, end);
        }
    }
}
