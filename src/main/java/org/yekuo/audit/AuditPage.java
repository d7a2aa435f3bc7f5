package org.yekuo.audit;

import java.util.List;

/** One page of audit records with the total count of matches. */
public record AuditPage(List<AuditEntry> records, long total, int page, int size) {
}
