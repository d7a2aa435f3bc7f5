package org.yekuo.stock;

import java.time.Instant;

import org.yekuo.deadline.Colour;
import org.yekuo.deadline.ThreeColourRule;

/**
 * An order's bill of materials pushed to stock once its scheme was approved, and where the materials
 * clerk's work on it stands (R-COL-2); locked while an overdue step waits for its explanation's approval.
 */
public record StockRequest(long id, long orderId, String orderNo, String orgPath, Status status, Instant pushedAt,
        Instant confirmYellowAt, Instant confirmDueAt, Instant alternativeYellowAt, Instant alternativeDueAt, Long warehouseId,
        Instant checkedAt, String checkedBy, String shortage, Instant alternativeAt, String alternativeBy, String alternativeNote,
        Instant reservedAt, Instant issuedAt, String issuedBy, Instant lockedAt, String delayCategory, String delayReason,
        String explainedBy, Instant explainedAt) {

    /** Locked: a step went overdue and the leader in charge has not yet accepted the clerk's explanation. */
    public boolean locked() {
        return lockedAt != null;
    }

    /** Locked and explained, waiting for the leader in charge. */
    public boolean awaitingApproval() {
        return lockedAt != null && explainedAt != null;
    }

    public enum Status {
        /** Waiting for the clerk to confirm stock (2 working hours). */
        PENDING,
        /** Something is short: waiting for an alternative (4 working hours from the push). */
        SHORT,
        /** Every line reserved for the order. */
        RESERVED,
        /** Issued to the order's works. */
        ISSUED,
        /** The order was withdrawn before its items were issued; what was reserved is free again. */
        CANCELLED;

        public String messageKey() {
            return "stock.status." + name();
        }
    }

    /** The deadline of the step now waiting for the clerk; null once the items are reserved. */
    public Instant dueAt() {
        return switch (status) {
            case PENDING -> confirmDueAt;
            case SHORT -> alternativeDueAt;
            default -> null;
        };
    }

    /**
     * The colour of the clerk's step like a node's (R-SLA-4): the confirmation judged when stock was
     * checked, the alternative when it was proposed, an open step now.
     */
    public Colour colour(Instant now) {
        if (locked()) {
            return Colour.RED;
        }
        return switch (status) {
            case PENDING -> ThreeColourRule.colourAt(now, confirmYellowAt, confirmDueAt);
            case SHORT -> ThreeColourRule.colourAt(now, alternativeYellowAt, alternativeDueAt);
            default -> alternativeAt != null ? ThreeColourRule.colourAt(alternativeAt, alternativeYellowAt, alternativeDueAt)
                    : ThreeColourRule.colourAt(checkedAt == null ? now : checkedAt, confirmYellowAt, confirmDueAt);
        };
    }
}
