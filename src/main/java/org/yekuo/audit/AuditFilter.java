package org.yekuo.audit;

import java.time.Instant;

/**
 * Which audit records to list; every part is optional. {@code from} is inclusive, {@code to}
 * exclusive.
 */
public record AuditFilter(String subjectType, String actor, Instant from, Instant to) {

    public static AuditFilter all() {
        return new AuditFilter(null, null, null, null);
    }
}
