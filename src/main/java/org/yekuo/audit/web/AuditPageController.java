package org.yekuo.audit.web;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.yekuo.audit.AuditEntry;
import org.yekuo.audit.AuditPage;
import org.yekuo.audit.AuditTrail;
import org.yekuo.shared.Paging;

/** The auditor's page: the log newest first with filters, and the chain check. */
@Controller
@PreAuthorize("hasRole('AUDITOR')")
class AuditPageController {

    static final int PAGE_SIZE = 20;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final AuditTrail trail;
    private final Clock clock;

    AuditPageController(AuditTrail trail, Clock clock) {
        this.trail = trail;
        this.clock = clock;
    }

    @GetMapping("/audit")
    String log(@RequestParam(required = false) String subjectType, @RequestParam(required = false) String actor,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) LocalDateTime from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) LocalDateTime to,
            @RequestParam(defaultValue = "0") int page, Model model) {
        AuditPage records = trail.latest(AuditFilters.of(subjectType, actor, from, to, clock), Math.max(page, 0), PAGE_SIZE);
        model.addAttribute("rows", records.records().stream().map(this::row).toList());
        model.addAttribute("records", records);
        model.addAttribute("pages", Paging.pages(records.total(), PAGE_SIZE));
        model.addAttribute("subjectTypes", trail.subjectTypes());
        model.addAttribute("subjectType", subjectType);
        model.addAttribute("actor", actor);
        model.addAttribute("from", from);
        model.addAttribute("to", to);
        return "audit/log";
    }

    @GetMapping("/audit/verify")
    String verify(Model model) {
        model.addAttribute("verification", trail.verify());
        return log(null, null, null, null, 0, model);
    }

    private Row row(AuditEntry entry) {
        return new Row(TIME.format(entry.occurredAt().atZone(clock.getZone())), entry);
    }

    /** A record with its time as the auditor reads it. */
    record Row(String time, AuditEntry entry) {
    }
}
