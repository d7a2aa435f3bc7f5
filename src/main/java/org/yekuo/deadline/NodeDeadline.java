package org.yekuo.deadline;

import java.time.Instant;
import java.util.Set;

import org.yekuo.catalogue.LimitUnit;

/**
 * One node of an order with its deadline, as the row of {@code node_deadline} holds it, and its colour
 * when it was read. {@code handler} and {@code signedAt} are null until someone signs for the node; {@code pausedSince} is set
 * while the order waits for the customer; {@code locked} while the overdue node waits for an approved
 * delay explanation.
 */
public record NodeDeadline(long id, long orderId, String orderNo, String typeCode, int typeVersion, LimitUnit limitUnit,
        String nodeCode, String taskId,
        Set<String> roles, String orgPath, String handler, Long handlerOrgUnitId, Instant signedAt, Instant reachedAt, Instant dueAt,
        Instant yellowAt, Instant remindAt, Instant completedAt, Instant pausedSince, long pausedSeconds, Instant remindedAt,
        Instant escalatedAt, Instant turnedYellowAt, Instant turnedRedAt, boolean locked, boolean cancelled, Colour colour) {

    public boolean open() {
        return completedAt == null;
    }

    public boolean paused() {
        return pausedSince != null;
    }
}
