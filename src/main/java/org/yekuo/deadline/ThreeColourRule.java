package org.yekuo.deadline;

import java.time.Instant;

/**
 * The three colours (R-SLA-4): green while on track, yellow from {@value #YELLOW_WORKING_DAYS} working days
 * before the deadline, red once the deadline has passed. A node's clock stops while its order waits for the
 * customer and when the node is done, so its colour is judged at that moment; a locked node stays red until a
 * leader approves a new deadline. The rule is here once: in Java for a loaded node, and as the SQL predicate
 * that the board counts and filters with.
 */
public final class ThreeColourRule {

    /** Yellow starts this many working days before the deadline (R-SLA-4). */
    static final int YELLOW_WORKING_DAYS = 3;

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

    /**
     * When a node due at {@code due} and reached at {@code reachedAt} turns yellow: {@value #YELLOW_WORKING_DAYS}
     * working days before. A node whose whole limit is shorter than that would be yellow from its arrival, and
     * yellow would warn of nothing; such a node turns yellow with its reminder, when its last working day begins.
     */
    static Instant yellowAt(Instant due, Instant reachedAt, DueDates dates) {
        Instant threshold = dates.workingDaysBefore(due, YELLOW_WORKING_DAYS, reachedAt);
        return threshold.equals(reachedAt) ? dates.remindAt(due, reachedAt) : threshold;
    }

    /**
     * {@link #colour} as an SQL predicate over the columns of {@code node_deadline}, with {@code now} the SQL
     * expression of the present moment (a parameter such as {@code :now}): true for the rows of that colour.
     */
    static String sqlPredicate(Colour colour, String now) {
        String at = "coalesce(completed_at, paused_since, " + now + ")";
        return switch (colour) {
            case RED -> "(locked = true or due_at < " + at + ")";
            case YELLOW -> "(locked = false and due_at >= " + at + " and yellow_at <= " + at + ")";
            case GREEN -> "(locked = false and yellow_at > " + at + ")";
        };
    }
}
