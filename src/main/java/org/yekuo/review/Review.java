package org.yekuo.review;

import java.time.Instant;
import java.util.List;

import org.yekuo.catalogue.Department;

/**
 * One department's countersign of a round (or a co-signer's): who holds it, when it arrived and was
 * opened, its deadline, and once decided the signed opinion. {@code reviewer} is who signed for it last.
 */
public record Review(long id, long roundId, long orderId, Department department, boolean coSigner, String taskId,
        String reviewer, Instant receivedAt, Instant openedAt, Instant dueAt, Verdict verdict, List<String> clauses,
        String opinion, String decidedBy, Instant decidedAt, Long signatureId, Instant lastUrgedAt, boolean typical,
        String typicalNote, String typicalBy, Instant typicalAt) {

    public Review {
        clauses = List.copyOf(clauses);
    }

    public boolean decided() {
        return decidedAt != null;
    }

    public boolean overdueAt(Instant now) {
        return !decided() && dueAt != null && now.isAfter(dueAt);
    }
}
