package org.yekuo.insight.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Locale;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.yekuo.catalogue.Catalogue;
import org.yekuo.identity.CurrentUsers;
import org.yekuo.identity.OrgUnits;
import org.yekuo.insight.EventLogs;
import org.yekuo.shared.DomainException;
import org.yekuo.shared.Refusals;

/**
 * The page of event logs for process mining, for leaders, department heads and administrators over their org
 * scope: a form, the file, or the refusal beside the form. The file is written to the response while the
 * history streams, never held whole.
 */
@Controller
class EventLogExports {

    static final String MANAGERS = "hasAnyRole('LEADER', 'DEPARTMENT_HEAD', 'ADMIN')";

    private final EventLogs logs;
    private final CurrentUsers users;
    private final Catalogue catalogue;
    private final OrgUnits orgUnits;
    private final Refusals refusals;

    EventLogExports(EventLogs logs, CurrentUsers users, Catalogue catalogue, OrgUnits orgUnits, Refusals refusals) {
        this.logs = logs;
        this.users = users;
        this.catalogue = catalogue;
        this.orgUnits = orgUnits;
        this.refusals = refusals;
    }

    @GetMapping("/insight/exports")
    @PreAuthorize(MANAGERS)
    String form(Model model) {
        model.addAttribute("types", catalogue.types());
        model.addAttribute("units", orgUnits.within(users.require().scope()));
        model.addAttribute("formats", EventLogs.Format.values());
        return "insight/exports";
    }

    @GetMapping("/insight/exports/download")
    @PreAuthorize(MANAGERS)
    String download(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam(required = false) String type, @RequestParam(required = false) String org,
            @RequestParam(defaultValue = "XES") EventLogs.Format format, Locale locale, HttpServletResponse response, Model model)
            throws IOException {
        try {
            EventLogs.Export export = logs.check(users.require(), new EventLogs.Request(from, to, type, org));
            send(logs, export, format, locale, response);
            return null;
        } catch (DomainException e) {
            model.addAttribute("refusal", refusals.explain(e, locale));
            model.addAttribute("from", from);
            model.addAttribute("to", to);
            model.addAttribute("type", type);
            model.addAttribute("org", org);
            return form(model);
        }
    }

    static void send(EventLogs logs, EventLogs.Export export, EventLogs.Format format, Locale locale, HttpServletResponse response) throws IOException {
        response.setContentType(format.mediaType());
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION,
                ContentDisposition.attachment().filename(export.fileName(format), StandardCharsets.UTF_8).build().toString());
        logs.write(export, format, locale, response.getOutputStream());
        response.flushBuffer();
    }
}
