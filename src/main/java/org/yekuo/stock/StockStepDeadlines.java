package org.yekuo.stock;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;

import org.springframework.stereotype.Component;
import org.yekuo.calendar.WorkingCalendar;

/**
 * The materials clerk's two limits (R-COL-2), in office hours of the working calendar like every node
 * limit in hours: confirm the bill of materials within 2 working hours of its push; when something is
 * short, propose an alternative within 4. Each step turns yellow its last working hour before; an overdue
 * step is told to the department head at once and to the leader in charge 2 working hours later.
 */
@Component
public class StockStepDeadlines {

    static final Duration CONFIRM = Duration.ofHours(2);
    static final Duration ALTERNATIVE = Duration.ofHours(4);
    static final Duration YELLOW_BEFORE = Duration.ofHours(1);
    /** An overdue step goes to the department head at once and to the leader in charge this much later. */
    static final Duration ESCALATE_AFTER = Duration.ofHours(2);

    private final WorkingCalendar calendar;
    private final ZoneId zone;

    StockStepDeadlines(WorkingCalendar calendar, Clock clock) {
        this.calendar = calendar;
        this.zone = clock.getZone();
    }

    public Steps from(Instant pushedAt) {
        return new Steps(after(pushedAt, CONFIRM.minus(YELLOW_BEFORE)), after(pushedAt, CONFIRM),
                after(pushedAt, ALTERNATIVE.minus(YELLOW_BEFORE)), after(pushedAt, ALTERNATIVE));
    }

    /** When an overdue step due at {@code dueAt} goes on to the leader in charge. */
    public Instant escalateAt(Instant dueAt) {
        return after(dueAt, ESCALATE_AFTER);
    }

    private Instant after(Instant from, Duration workingHours) {
        return calendar.plusWorkingHours(LocalDateTime.ofInstant(from, zone), workingHours).value().atZone(zone).toInstant();
    }

    /** When each step turns yellow and when it is due. */
    public record Steps(Instant confirmYellowAt, Instant confirmDueAt, Instant alternativeYellowAt, Instant alternativeDueAt) {
    }
}
