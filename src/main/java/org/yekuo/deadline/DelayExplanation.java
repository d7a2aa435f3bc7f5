package org.yekuo.deadline;

import java.time.Instant;

/**
 * A handler's explanation for an overdue node and the leader's decision (R-SLA-4/5), with the order it
 * concerns. {@code newDueAt} is the deadline an approval set.
 */
public record DelayExplanation(long id, long deadlineId, long orderId, String orderNo, String nodeCode, String handler,
        DelayCategory category, String explanation, String filedBy, Instant filedAt, ExplanationStatus status,
        String decidedBy, Instant decidedAt, String decisionNote, Instant newDueAt, Instant dueAt) {
}
