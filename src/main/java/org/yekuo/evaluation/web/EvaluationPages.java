package org.yekuo.evaluation.web;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.MessageSource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.yekuo.collaboration.QualityProblems;
import org.yekuo.reporting.ExcelExport;
import org.yekuo.reporting.PdfExport;
import org.yekuo.reporting.ReportMonth;
import org.yekuo.evaluation.EvaluationDashboard;
import org.yekuo.evaluation.EvaluationReport;
import org.yekuo.identity.CurrentUsers;
import org.yekuo.shared.DomainException;
import org.yekuo.shared.Paging;
import org.yekuo.shared.Refusals;
import org.yekuo.shared.Times;

import tools.jackson.databind.json.JsonMapper;

/**
 * The evaluation dashboard for station and company managers and auditors (R-EVA-4): a month's averages,
 * star distributions and month-on-month change by station, business type, node and handler with ECharts,
 * the month's ratings with the flags' reasons, and the Excel and PDF exports, over the reader's data scope.
 */
@Controller
@RequestMapping("/evaluations")
class EvaluationPages {

    /** Who reads evaluations: leaders, department heads, administrators, and auditors for the flags. */
    static final String READERS = "hasAnyRole('LEADER', 'DEPARTMENT_HEAD', 'ADMIN', 'AUDITOR')";
    static final int PAGE = 20;
    /** An export carries the whole month's ratings, up to this many. */
    static final int EXPORT_ENTRIES = 5000;

    private final EvaluationDashboard dashboard;
    private final DashboardTables tables;
    private final ExcelExport excel;
    private final PdfExport pdf;
    private final CurrentUsers users;
    private final Refusals refusals;
    private final MessageSource messages;
    private final JsonMapper json;
    private final QualityProblems quality;
    private final Clock clock;

    EvaluationPages(EvaluationDashboard dashboard, DashboardTables tables, ExcelExport excel, PdfExport pdf, CurrentUsers users,
            Refusals refusals, MessageSource messages, JsonMapper json, QualityProblems quality, Clock clock) {
        this.dashboard = dashboard;
        this.tables = tables;
        this.excel = excel;
        this.pdf = pdf;
        this.users = users;
        this.refusals = refusals;
        this.messages = messages;
        this.json = json;
        this.quality = quality;
        this.clock = clock;
    }

    @GetMapping
    @PreAuthorize(READERS)
    String dashboard(@RequestParam(required = false) String month, @RequestParam(defaultValue = "0") int page, Model model,
            Locale locale, HttpServletResponse response) {
        ReportMonth shown;
        try {
            shown = ReportMonth.parse("month", month, clock);
        } catch (DomainException e) {
            response.setStatus(e.status().value());
            model.addAttribute("monthError", refusals.explain(e, locale).fields().get("month"));
            shown = ReportMonth.parse("month", null, clock);
        }
        int current = Math.max(page, 0);
        EvaluationReport report = dashboard.of(shown, users.require().scope(), locale, current, PAGE);
        model.addAttribute("report", report);
        model.addAttribute("charts", charts(report));
        // Quality problems traced through the responsibility chain count beside the ratings, per person and station.
        model.addAttribute("quality", quality.monthly(shown, users.require().scope(), locale));
        model.addAttribute("month", shown.toString());
        model.addAttribute("previousMonth", shown.month().minusMonths(1).toString());
        model.addAttribute("nextMonth", shown.month().plusMonths(1).toString());
        model.addAttribute("thisMonth", YearMonth.now(clock).toString());
        model.addAttribute("page", current);
        model.addAttribute("pages", Paging.pages(report.entryCount(), PAGE));
        model.addAttribute("pdfAvailable", pdf.font().isPresent());
        model.addAttribute("timeFormat", Times.MINUTES);
        model.addAttribute("zone", clock.getZone());
        return "evaluation/dashboard";
    }

    @GetMapping("/report.xlsx")
    @PreAuthorize(READERS)
    ResponseEntity<byte[]> workbook(@RequestParam(required = false) String month, Locale locale) {
        EvaluationReport report = exported(month, locale);
        return attachment(excel.workbook(title(report, locale), tables.of(report, clock.getZone(), locale)), ExcelExport.MEDIA_TYPE,
                "evaluations-" + report.month() + ".xlsx");
    }

    @GetMapping("/report.pdf")
    @PreAuthorize(READERS)
    ResponseEntity<byte[]> document(@RequestParam(required = false) String month, Locale locale) {
        EvaluationReport report = exported(month, locale);
        String subtitle = messages.getMessage("deadline.report.subtitle", new Object[] {report.scopeName(),
                Times.MINUTES.format(clock.instant().atZone(clock.getZone()))}, locale);
        return attachment(pdf.document(title(report, locale), subtitle, tables.of(report, clock.getZone(), locale)),
                PdfExport.MEDIA_TYPE, "evaluations-" + report.month() + ".pdf");
    }

    private EvaluationReport exported(String month, Locale locale) {
        return dashboard.of(ReportMonth.parse("month", month, clock), users.require().scope(), locale, 0, EXPORT_ENTRIES);
    }

    private String title(EvaluationReport report, Locale locale) {
        return messages.getMessage("evaluation.report.title", null, locale) + " " + report.month();
    }

    /** What the page's charts draw, as JSON for the chart script (the page allows no inline script). */
    private String charts(EvaluationReport report) {
        Map<String, Object> charts = new LinkedHashMap<>();
        charts.put("stars", Map.of("labels", List.of("1", "2", "3", "4", "5"),
                "series", report.metrics().stream().map(m -> Map.of("name", m.name(), "values", m.stars())).toList()));
        charts.put("trend", Map.of("labels", report.trend().stream().map(EvaluationReport.MonthAverage::month).toList(),
                "values", report.trend().stream().map(EvaluationReport.MonthAverage::average).toList()));
        charts.put("station", Map.of("labels", report.byStation().stream().map(EvaluationReport.Line::name).toList(),
                "values", report.byStation().stream().map(EvaluationReport.Line::average).toList()));
        return json.writeValueAsString(charts);
    }

    private static ResponseEntity<byte[]> attachment(byte[] bytes, String mediaType, String filename) {
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment().filename(filename, StandardCharsets.UTF_8).build().toString())
                .contentType(MediaType.parseMediaType(mediaType))
                .body(bytes);
    }
}
