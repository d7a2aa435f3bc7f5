package org.yekuo.workflow;

import java.time.Instant;

/** One node of an order's timeline: received, signed for (started), finished, by whom, due when. */
public record NodeHistory(String taskId, String nodeCode, String handler, Instant receivedAt, Instant signedForAt,
        Instant finishedAt, Instant dueAt) {
}
