package org.yekuo.manual;

import java.time.Instant;

/**
 * A certified co-handler's countersign that lets an uncertified member of staff sign for one node of an order
 * (R-STD-2: an uncertified person is never the sole handler). Pending until the co-handler decides.
 */
public record Countersign(long id, String taskId, long orderId, String nodeCode, String typeCode, String handler, String coHandler,
        Instant requestedAt, Instant decidedAt, Boolean approved) {

    public boolean pending() {
        return decidedAt == null;
    }
}
