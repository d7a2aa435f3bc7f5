package org.yekuo.deadline;

import java.time.Instant;

/**
 * The three colours (R-SLA-4): green while on track, yellow from the yellow threshold (three working
 * days before the deadline, precomputed from the calendar), red once the deadline has passed. A node's
 * clock stops while its order waits for the customer and when the node is done, so its colour is
 * judged at that moment; a locked node stays red until a leader approves a new deadline.
 */
public final class ThreeColourRule {

    private ThreeColourRule() {
    }

    public static Colour colourAt(Instant at, Instant yellowAt, Instant dueAt) {
        if (at.isAfter(dueAt)) {
            return Colour.RED;
        }
        return at.isBefore(yellowAt) ? Colour.GREEN : Colour.YELLOW;
    }

    public static Colour of(NodeDeadline node, Instant now) {
        return colour(node.locked(), node.completedAt(), node.pausedSince(), node.yellowAt(), node.dueAt(), now);
    }

    /** A node's colour judged at its completion, else at the start of its pause, else now; locked is red. */
    static Colour colour(boolean locked, Instant completedAt, Instant pausedSince, Instant yellowAt, Instant dueAt, Instant now) {
        if (locked) {
            return Colour.RED;
        }
        return colourAt(completedAt != null ? completedAt : pausedSince != null ? pausedSince : now, yellowAt, dueAt);
    }
}
