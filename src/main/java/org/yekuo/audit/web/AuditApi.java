package org.yekuo.audit.web;

import java.time.Clock;
import java.time.LocalDateTime;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.yekuo.audit.AuditFilter;
import org.yekuo.audit.AuditPage;
import org.yekuo.audit.AuditTrail;
import org.yekuo.audit.ChainVerification;
import org.yekuo.shared.Paging;

/** The audit log for auditors: search it and check that nobody has altered it. */
@RestController
@RequestMapping("/api/audit")
@PreAuthorize("hasRole('AUDITOR')")
@Tag(name = "audit", description = "The append-only, SM3 hash-chained audit log (auditors only)")
class AuditApi {

    private final AuditTrail trail;
    private final Clock clock;

    AuditApi(AuditTrail trail, Clock clock) {
        this.trail = trail;
        this.clock = clock;
    }

    @GetMapping("/records")
    @Operation(summary = "Audit records, newest first",
            description = "Times are local to the utility (Asia/Shanghai), e.g. 2026-03-01T08:00; from inclusive, to exclusive.")
    AuditPage records(@Parameter(description = "e.g. staff, security, org-unit") @RequestParam(required = false) String subjectType,
            @Parameter(description = "username of who acted") @RequestParam(required = false) String actor,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) LocalDateTime from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) LocalDateTime to,
            @Parameter(description = "0-based page number") @RequestParam(defaultValue = "0") int page,
            @Parameter(description = "page size, 1 to 100") @RequestParam(defaultValue = "20") int size) {
        Paging.check(page, size);
        return trail.latest(AuditFilters.of(subjectType, actor, from, to, clock), page, size);
    }

    @GetMapping("/verify")
    @Operation(summary = "Walk the whole chain and report the first broken link, if any")
    ChainVerification verify() {
        return trail.verify();
    }
}
