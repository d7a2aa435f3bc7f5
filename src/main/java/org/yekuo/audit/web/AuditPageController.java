package org.yekuo.audit.web;

import java.time.Clock;
import java.time.LocalDateTime;
import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.yekuo.audit.AuditLine;
import org.yekuo.audit.AuditPage;
import org.yekuo.audit.AuditSentences;
import org.yekuo.audit.AuditTrail;
import org.yekuo.shared.Paging;
import org.yekuo.shared.Times;

/** The auditor's page: the log newest first with filters, and the chain check. */
@Controller
@PreAuthorize("hasRole('AUDITOR')")
class AuditPageController {

    static final int PAGE_SIZE = 20;

    private final AuditTrail trail;
    private final AuditSentences sentences;
    private final MessageSource messages;
    private final Clock clock;

    AuditPageController(AuditTrail trail, AuditSentences sentences, MessageSource messages, Clock clock) {
        this.trail = trail;
        this.sentences = sentences;
        this.messages = messages;
        this.clock = clock;
    }

    @GetMapping("/audit")
    String log(@RequestParam(required = false) String subjectType, @RequestParam(required = false) String actor,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) LocalDateTime from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) LocalDateTime to,
            @RequestParam(defaultValue = "0") int page, Model model, Locale locale) {
        AuditPage records = trail.latest(AuditFilters.of(subjectType, actor, from, to, clock), Math.max(page, 0), PAGE_SIZE);
        model.addAttribute("rows", sentences.lines(records.records(), locale).stream().map(this::row).toList());
        model.addAttribute("records", records);
        model.addAttribute("pages", Paging.pages(records.total(), PAGE_SIZE));
        model.addAttribute("subjectTypes", trail.subjectTypes().stream().map(type -> new SubjectType(type,
                messages.getMessage("audit.subject-type." + type, null, type, locale))).toList());
        model.addAttribute("subjectType", subjectType);
        model.addAttribute("actor", actor);
        model.addAttribute("from", from);
        model.addAttribute("to", to);
        return "audit/log";
    }

    @GetMapping("/audit/verify")
    String verify(Model model, Locale locale) {
        model.addAttribute("verification", trail.verify());
        return log(null, null, null, null, 0, model, locale);
    }

    private Row row(AuditLine line) {
        return new Row(Times.SECONDS.format(line.occurredAt().atZone(clock.getZone())), line);
    }

    /** A record with its time as the auditor reads it. */
    record Row(String time, AuditLine line) {
    }

    /** A subject type for the filter: its code as the value, its name as the text. */
    record SubjectType(String code, String name) {
    }
}
