package org.yekuo.deadline.report.web;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.yekuo.reporting.ExcelExport;
import org.yekuo.deadline.report.Leaderboard;
import org.yekuo.deadline.report.OnTimeLeaderboard;
import org.yekuo.deadline.report.OverdueAnalysis;
import org.yekuo.deadline.report.OverdueNotices;
import org.yekuo.deadline.report.OverdueReport;
import org.yekuo.reporting.PdfExport;
import org.yekuo.reporting.ReportMonth;
import org.yekuo.deadline.report.ReportTables;
import org.yekuo.deadline.report.ScoreRule;
import org.yekuo.deadline.report.ScoreRules;
import org.yekuo.deadline.report.ScoreSheet;
import org.yekuo.deadline.report.ScoreSheets;
import org.yekuo.identity.CurrentUser;
import org.yekuo.identity.CurrentUsers;
import org.yekuo.identity.PageShell;
import org.yekuo.identity.Role;
import org.yekuo.shared.DomainException;
import org.yekuo.shared.Paging;
import org.yekuo.shared.Refusals;
import org.yekuo.shared.Times;

import tools.jackson.databind.json.JsonMapper;

/**
 * The time-limit report pages: the monthly overdue analysis with its charts (R-SLA-5), the score
 * sheet, its rules and the notices (R-SLA-6), the on-time leaderboard (R-SLA-7), and their exports.
 * Each covers the viewer's data scope; notices are company-wide and the leaderboard is open to all.
 */
@Controller
@RequestMapping("/deadlines")
class ReportPages {

    /** Who reads the analysis and the score sheet: leaders, department heads and administrators. */
    static final String MANAGERS = "hasAnyRole('LEADER', 'DEPARTMENT_HEAD', 'ADMIN')";
    static final int NOTICE_PAGE = 20;

    private final OverdueAnalysis analysis;
    private final ScoreSheets scores;
    private final ScoreRules rules;
    private final OnTimeLeaderboard leaderboard;
    private final OverdueNotices notices;
    private final ReportTables tables;
    private final ExcelExport excel;
    private final PdfExport pdf;
    private final CurrentUsers users;
    private final Refusals refusals;
    private final MessageSource messages;
    private final JsonMapper json;
    private final PageShell shell;
    private final Clock clock;

    ReportPages(OverdueAnalysis analysis, ScoreSheets scores, ScoreRules rules, OnTimeLeaderboard leaderboard,
            OverdueNotices notices, ReportTables tables, ExcelExport excel, PdfExport pdf, CurrentUsers users,
            Refusals refusals, MessageSource messages, JsonMapper json, PageShell shell, Clock clock) {
        this.analysis = analysis;
        this.scores = scores;
        this.rules = rules;
        this.leaderboard = leaderboard;
        this.notices = notices;
        this.tables = tables;
        this.excel = excel;
        this.pdf = pdf;
        this.users = users;
        this.refusals = refusals;
        this.messages = messages;
        this.json = json;
        this.shell = shell;
        this.clock = clock;
    }

    @GetMapping("/analysis")
    @PreAuthorize(MANAGERS)
    String analysis(@RequestParam(required = false) String month, Model model, Locale locale, HttpServletResponse response) {
        ReportMonth shown = month(month, model, locale, response);
        OverdueReport report = analysis.of(shown, users.require().scope(), locale);
        model.addAttribute("report", report);
        model.addAttribute("charts", charts(report));
        model.addAttribute("noticesThisMonth", notices.countIn(shown));
        model.addAttribute("pdfAvailable", pdf.font().isPresent());
        return "deadline/analysis";
    }

    @GetMapping("/analysis.xlsx")
    @PreAuthorize(MANAGERS)
    ResponseEntity<byte[]> analysisWorkbook(@RequestParam(required = false) String month, Locale locale) {
        OverdueReport report = analysis.of(ReportMonth.parse("month", month, clock), users.require().scope(), locale);
        return Downloads.attachment(excel.workbook(title("deadline.analysis.title", report.month(), locale),
                tables.overdue(report, locale)), ExcelExport.MEDIA_TYPE, "overdue-analysis-" + report.month() + ".xlsx");
    }

    @GetMapping("/analysis.pdf")
    @PreAuthorize(MANAGERS)
    ResponseEntity<byte[]> analysisPdf(@RequestParam(required = false) String month, Locale locale) {
        OverdueReport report = analysis.of(ReportMonth.parse("month", month, clock), users.require().scope(), locale);
        return Downloads.attachment(pdf.document(title("deadline.analysis.title", report.month(), locale),
                        messages.getMessage("deadline.report.subtitle", new Object[] {report.scopeName(),
                                Times.MINUTES.format(clock.instant().atZone(clock.getZone()))}, locale),
                        tables.overdue(report, locale)),
                PdfExport.MEDIA_TYPE, "overdue-analysis-" + report.month() + ".pdf");
    }

    @GetMapping("/scores")
    @PreAuthorize(MANAGERS)
    String scores(@RequestParam(required = false) String month, Model model, Locale locale, HttpServletResponse response) {
        ReportMonth shown = month(month, model, locale, response);
        model.addAttribute("sheet", scores.of(shown, users.require().scope(), locale));
        return "deadline/scores";
    }

    @GetMapping("/scores.xlsx")
    @PreAuthorize(MANAGERS)
    ResponseEntity<byte[]> scoresWorkbook(@RequestParam(required = false) String month, Locale locale) {
        ScoreSheet sheet = scores.of(ReportMonth.parse("month", month, clock), users.require().scope(), locale);
        return Downloads.attachment(excel.workbook(title("deadline.scores.title", sheet.month(), locale),
                tables.scores(sheet, locale)), ExcelExport.MEDIA_TYPE, "scores-" + sheet.month() + ".xlsx");
    }

    @GetMapping("/leaderboard")
    String leaderboard(@RequestParam(required = false) String month, Model model, Locale locale, HttpServletResponse response) {
        ReportMonth shown = month(month, model, locale, response);
        model.addAttribute("board", leaderboard.of(shown, users.require().scope(), locale));
        return "deadline/leaderboard";
    }

    @GetMapping("/leaderboard.xlsx")
    ResponseEntity<byte[]> leaderboardWorkbook(@RequestParam(required = false) String month, Locale locale) {
        Leaderboard board = leaderboard.of(ReportMonth.parse("month", month, clock), users.require().scope(), locale);
        return Downloads.attachment(excel.workbook(title("deadline.leaderboard.title", board.month(), locale),
                tables.leaderboard(board, locale)), ExcelExport.MEDIA_TYPE, "leaderboard-" + board.month() + ".xlsx");
    }

    @GetMapping("/notices")
    String notices(@RequestParam(defaultValue = "0") int page, Model model, Locale locale) {
        int shown = Math.max(page, 0);
        long total = notices.count();
        model.addAttribute("notices", notices.latest(shown, NOTICE_PAGE, locale).stream()
                .map(n -> new NoticeRow(n, Times.MINUTES.format(n.dueAt().atZone(clock.getZone())),
                        Times.MINUTES.format(n.overdueAt().atZone(clock.getZone())))).toList());
        model.addAttribute("total", total);
        model.addAttribute("page", shown);
        model.addAttribute("pages", Paging.pages(total, NOTICE_PAGE));
        return "deadline/notices";
    }

    @GetMapping("/score-rules")
    @PreAuthorize(MANAGERS)
    String scoreRules(Model model) {
        return showRules(model);
    }

    @PostMapping("/score-rules/{id}")
    @PreAuthorize("hasRole('ADMIN')")
    String changeRule(@PathVariable long id, @RequestParam(defaultValue = "0") int revision,
            @RequestParam(required = false) ScoreRule.Owner owner, @RequestParam(required = false) String orgUnitCode,
            @RequestParam(required = false) String yellowPoints, @RequestParam(required = false) String redPoints,
            Model model, Locale locale, RedirectAttributes redirect, HttpServletResponse response) {
        try {
            ScoreRule changed = rules.change(id, revision, owner, orgUnitCode, points("yellowPoints", yellowPoints),
                    points("redPoints", redPoints));
            redirect.addFlashAttribute("savedRule", changed.id());
            return "redirect:/deadline/score-rules";
        } catch (DomainException e) {
            if (e.status() == HttpStatus.NOT_FOUND) {
                throw e;
            }
            Refusals.Refusal refusal = refusals.explain(e, locale);
            response.setStatus(e.status().value());
            model.addAttribute("errorRule", id);
            model.addAttribute("errorMessage", refusal.message());
            model.addAttribute("fieldErrors", refusal.fields());
            return showRules(model);
        }
    }

    /**
     * A refused export (a malformed month, no PDF font) or an unknown rule: the reason on a page under
     * the refusal's status, instead of a file or the generic error page.
     */
    @ExceptionHandler(DomainException.class)
    String refused(DomainException e, Model model, HttpServletRequest request, HttpServletResponse response, Locale locale) {
        shell.addTo(model, request);
        response.setStatus(e.status().value());
        Refusals.Refusal refusal = refusals.explain(e, locale);
        model.addAttribute("refusal", refusal.fields().isEmpty() ? refusal.message() : String.join(" ", refusal.fields().values()));
        return "deadline/refused";
    }

    private String showRules(Model model) {
        CurrentUser user = users.require();
        model.addAttribute("rules", rules.all());
        model.addAttribute("units", rules.owningUnits());
        model.addAttribute("admin", user.has(Role.ADMIN));
        return "deadline/score-rules";
    }

    private static BigDecimal points(String field, String text) {
        try {
            return text == null || text.isBlank() ? null : new BigDecimal(text.trim());
        } catch (NumberFormatException e) {
            throw DomainException.invalid(field, "deadline.score-rule.points-invalid", 100);
        }
    }

    /**
     * The month asked for; a malformed one is shown as a refusal above the current month's report,
     * under 422, rather than an error page.
     */
    private ReportMonth month(String month, Model model, Locale locale, HttpServletResponse response) {
        ReportMonth shown;
        try {
            shown = ReportMonth.parse("month", month, clock);
        } catch (DomainException e) {
            response.setStatus(e.status().value());
            model.addAttribute("monthError", refusals.explain(e, locale).fields().get("month"));
            shown = ReportMonth.parse("month", null, clock);
        }
        model.addAttribute("month", shown.toString());
        model.addAttribute("previousMonth", shown.month().minusMonths(1).toString());
        model.addAttribute("nextMonth", shown.month().plusMonths(1).toString());
        model.addAttribute("thisMonth", YearMonth.now(clock).toString());
        return shown;
    }

    private String title(String key, String month, Locale locale) {
        return messages.getMessage(key, null, locale) + " " + month;
    }

    /** What the page's charts draw, as JSON for the chart script (the page allows no inline script). */
    private String charts(OverdueReport report) {
        Map<String, Object> charts = new LinkedHashMap<>();
        charts.put("category", series(report.byCategory()));
        charts.put("node", series(report.byNode()));
        charts.put("department", series(report.byDepartment()));
        charts.put("trend", Map.of("labels", report.trend().stream().map(OverdueReport.MonthCount::month).toList(),
                "values", report.trend().stream().map(OverdueReport.MonthCount::count).toList()));
        return json.writeValueAsString(charts);
    }

    private static Map<String, Object> series(List<OverdueReport.Line> lines) {
        return Map.of("labels", lines.stream().map(OverdueReport.Line::name).toList(),
                "values", lines.stream().map(OverdueReport.Line::count).toList());
    }

    /** A notice with its times as staff read them. */
    record NoticeRow(org.yekuo.deadline.report.OverdueNotice notice, String dueAt, String overdueAt) {
    }
}
