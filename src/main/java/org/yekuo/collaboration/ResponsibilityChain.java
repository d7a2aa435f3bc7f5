package org.yekuo.collaboration;

import java.time.Instant;
import java.util.List;

/**
 * A completed order's responsibility chain (R-COL-6) as it was written at completion: every step in the order it
 * happened, and the signed record once issued.
 *
 * @param documentId the archived, signed PDF of the chain; null until a department head or leader issues it
 */
public record ResponsibilityChain(long orderId, String orderNo, String orgPath, Instant completedAt, Instant generatedAt,
        Long documentId, List<Link> links) {

    public ResponsibilityChain {
        links = List.copyOf(links);
    }

    /**
     * One step: who ({@code actor} the username, {@code actorName} as staff read it then), what, at which node, when.
     *
     * @param party   for a review the department ({@code catalogue.department.<party>}), for a coordination step the
     *                org unit asked (its id), else null
     * @param outcome a review's verdict ({@code review.verdict.<outcome>}), a stock check's SHORT, else null
     */
    public record Link(int seq, ChainStep step, String nodeCode, String actor, String actorName, String party, String outcome,
            Instant occurredAt) {
    }
}
