package org.yekuo.collaboration;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;

import org.springframework.stereotype.Component;
import org.yekuo.calendar.WorkingCalendar;

/**
 * A question's limits in office hours of the working calendar (R-COL-3): answered within 8 working hours
 * of being asked (or reopened); yellow its last 2; overdue goes to the department head at once and, still
 * unanswered 4 working hours later, to the leader in charge.
 */
@Component
public class CoordinationDeadlines {

    static final Duration ANSWER = Duration.ofHours(8);
    static final Duration YELLOW_BEFORE = Duration.ofHours(2);
    static final Duration ESCALATE_AFTER = Duration.ofHours(4);

    private final WorkingCalendar calendar;
    private final ZoneId zone;

    CoordinationDeadlines(WorkingCalendar calendar, Clock clock) {
        this.calendar = calendar;
        this.zone = clock.getZone();
    }

    public Round from(Instant askedAt) {
        Instant due = after(askedAt, ANSWER);
        return new Round(after(askedAt, ANSWER.minus(YELLOW_BEFORE)), due, after(due, ESCALATE_AFTER));
    }

    private Instant after(Instant from, Duration workingHours) {
        return calendar.plusWorkingHours(LocalDateTime.ofInstant(from, zone), workingHours).value().atZone(zone).toInstant();
    }

    /** When a round of a question turns yellow, is due, and escalates to the leader in charge. */
    public record Round(Instant yellowAt, Instant dueAt, Instant escalateAt) {
    }
}
