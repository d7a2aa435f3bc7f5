package org.yekuo.audit.web;

import java.time.Clock;
import java.time.LocalDateTime;

import org.yekuo.audit.AuditFilter;

/** Reads the auditor's local times as instants in the utility's time zone. */
final class AuditFilters {

    private AuditFilters() {
    }

    static AuditFilter of(String subjectType, String actor, LocalDateTime from, LocalDateTime to, Clock clock) {
        return new AuditFilter(subjectType, actor, from == null ? null : from.atZone(clock.getZone()).toInstant(),
                to == null ? null : to.atZone(clock.getZone()).toInstant());
    }
}
