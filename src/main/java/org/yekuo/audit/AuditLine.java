package org.yekuo.audit;

import java.time.Instant;
import java.util.List;

/**
 * An audit record as a reader sees it: who did what as one sentence ("李勘查 签收了 现场勘查"), the
 * subject it concerns, and the rest of its detail as named values.
 */
public record AuditLine(long seq, Instant occurredAt, String sentence, String subject, List<Detail> details,
        AuditEntry.Outcome outcome) {

    /** One value of the record's detail; {@code label} is null for a detail written as plain text. */
    public record Detail(String label, String value) {
    }
}
