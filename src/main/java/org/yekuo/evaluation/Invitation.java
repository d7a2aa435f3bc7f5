package org.yekuo.evaluation;

import java.time.Instant;

/** One completed order's invitation to rate the service, with what the sweep and the page have done with it. */
record Invitation(long id, long orderId, String orderNo, String typeCode, String orgPath, String phoneSealed, String phoneIndex,
        String token, Instant completedAt, Instant invitedAt, Instant remindedAt, Instant expiresAt, Instant openedAt,
        Instant answeredAt) {

    boolean expired(Instant now) {
        return expiresAt != null && !now.isBefore(expiresAt);
    }
}
