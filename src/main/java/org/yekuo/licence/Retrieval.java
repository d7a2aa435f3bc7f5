package org.yekuo.licence;

import java.time.Instant;

/**
 * One logged retrieval (R-LIC-2): who asked ({@code retrievedBy}, a member of staff's username or {@code applicant}),
 * when, which licence of which holder (masked), for which order, and what came of it; {@code documentId} is the
 * licence's file in the order's archive when it came.
 */
public record Retrieval(long id, long orderId, String orderNo, LicenceKind kind, String holderMasked, String licenceNo,
        RetrievalOutcome outcome, String retrievedBy, String retrievedByName, Instant retrievedAt, Long documentId) {

    public Retrieval named(String name) {
        return new Retrieval(id, orderId, orderNo, kind, holderMasked, licenceNo, outcome, retrievedBy, name, retrievedAt, documentId);
    }
}
