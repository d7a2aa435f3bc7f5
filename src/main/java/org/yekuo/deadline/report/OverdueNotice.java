package org.yekuo.deadline.report;

import java.time.Instant;

/**
 * A company-wide notice that a node turned red (R-SLA-6), with the department the scoring rules
 * held responsible at the time.
 */
public record OverdueNotice(long id, String orderNo, String nodeCode, String nodeName, String handler, String handlerName,
        String ownerUnitCode, String ownerName, Instant dueAt, Instant overdueAt, Instant publishedAt) {
}
