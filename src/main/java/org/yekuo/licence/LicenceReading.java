package org.yekuo.licence;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What was read off one page of an order's papers, and, once a person confirmed it, the values they confirmed
 * (R-LIC-3). Only confirmed values are ever used; until then {@code confirmed} is empty.
 */
public record LicenceReading(long id, long orderId, long documentId, int pageNo, PaperKind kind, String slotMaterial,
        String filedMaterial, List<ReadField> fields, Map<String, String> confirmed, boolean isConfirmed, String readBy,
        Instant readAt, String confirmedBy, Instant confirmedAt) {

    /** Whether the content said something else than the slot it was dropped in: the person is told. */
    public boolean refiled() {
        return !slotMaterial.equals(filedMaterial);
    }

    public long doubtfulCount(double floor) {
        return fields.stream().filter(f -> f.doubtful(floor)).count();
    }
}
