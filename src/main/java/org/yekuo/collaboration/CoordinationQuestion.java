package org.yekuo.collaboration;

import java.time.Instant;

import org.yekuo.deadline.Colour;
import org.yekuo.deadline.ThreeColourRule;

/**
 * A coordination question on an order to another department (R-COL-3), and where it stands: open until
 * answered, answered until the asker accepts it or reopens it (a new round of 8 working hours).
 */
public record CoordinationQuestion(long id, long orderId, String orderNo, String orgPath, long departmentId, String departmentPath,
        String subject, Status status, String askedBy, Instant askedAt, Instant roundStartedAt, Instant yellowAt, Instant dueAt,
        Instant escalateAt, Instant overdueAt, Instant escalatedAt, String answeredBy, Instant answeredAt, Instant closedAt,
        int rounds) {

    public enum Status {
        OPEN, ANSWERED, ACCEPTED;

        public String messageKey() {
            return "collaboration.status." + name();
        }
    }

    /** Like a node's colour: an open question now, an answered one judged when it was answered. */
    public Colour colour(Instant now) {
        return ThreeColourRule.colourAt(status == Status.OPEN ? now : answeredAt, yellowAt, dueAt);
    }

    public boolean escalated() {
        return escalatedAt != null;
    }
}
