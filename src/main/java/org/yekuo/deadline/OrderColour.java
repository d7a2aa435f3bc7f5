package org.yekuo.deadline;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * Where an open order stands on time, for lists of orders: the worst colour of its open nodes, whether a
 * node is locked (red until a leader approves a new deadline) or paused while the order waits for the
 * customer, and the earliest deadline among them.
 */
public record OrderColour(long orderId, Colour colour, boolean locked, boolean paused, Instant dueAt) {

    /** The standing of one order from its open nodes (at least one). */
    static OrderColour of(List<NodeDeadline> open) {
        NodeDeadline first = open.get(0);
        Colour worst = open.stream().map(NodeDeadline::colour).max(Comparator.naturalOrder()).orElseThrow();
        Instant due = open.stream().map(NodeDeadline::dueAt).min(Comparator.naturalOrder()).orElseThrow();
        return new OrderColour(first.orderId(), worst, open.stream().anyMatch(NodeDeadline::locked),
                open.stream().allMatch(NodeDeadline::paused), due);
    }
}
