package org.yekuo.evaluation;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * What the rating page shows the customer: their order, the phone the code goes to (masked), and who
 * handled each node, masked, so that they know whom they rate (R-EVA-2).
 */
public record RatingInvitation(String orderNo, LocalDate completedOn, String phoneMasked, Instant expiresAt,
        List<HandlerName> handlers) {

    /** A node and the masked name of the member of staff who handled it. */
    public record HandlerName(String nodeCode, String name) {
    }
}
