package org.yekuo.evaluation.web;

import java.time.Clock;
import java.util.List;
import java.util.Locale;

import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.yekuo.identity.AccessRules;
import org.yekuo.reporting.ReportMonth;
import org.yekuo.evaluation.EvaluationDashboard;
import org.yekuo.evaluation.EvaluationReport;
import org.yekuo.evaluation.EvaluationRule;
import org.yekuo.evaluation.EvaluationRules;
import org.yekuo.evaluation.LowRating;
import org.yekuo.evaluation.LowRatingTraces;
import org.yekuo.evaluation.TeamColours;
import org.yekuo.evaluation.TeamMonth;
import org.yekuo.identity.CurrentUsers;
import org.yekuo.shared.Paging;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * The evaluation pages as JSON, over the caller's data scope: the dashboard (R-EVA-4), the trace of low
 * ratings and its improvement tasks (R-EVA-5), team colours and service stars with their versioned rules
 * (R-EVA-6/7).
 */
@RestController
@RequestMapping("/api/evaluations")
@Tag(name = "evaluations", description = "Customers' ratings after power-on: averages, distributions and flagged ratings")
class EvaluationApi {

    private static final String MONTH = "month as yyyy-MM in the utility's time zone, e.g. 2026-03; the current month when left out";

    private final EvaluationDashboard dashboard;
    private final LowRatingTraces traces;
    private final TeamColours colours;
    private final EvaluationRules rules;
    private final CurrentUsers users;
    private final Clock clock;

    EvaluationApi(EvaluationDashboard dashboard, LowRatingTraces traces, TeamColours colours, EvaluationRules rules, CurrentUsers users,
            Clock clock) {
        this.dashboard = dashboard;
        this.traces = traces;
        this.colours = colours;
        this.rules = rules;
        this.users = users;
        this.clock = clock;
    }

    @GetMapping("/report")
    @PreAuthorize(EvaluationPages.READERS)
    @Operation(summary = "A month's ratings by station, business type, node and handler, month on month, with every rating and its flags")
    EvaluationReport report(
            @Parameter(description = "month as yyyy-MM in the utility's time zone, e.g. 2026-03; the current month when left out")
            @RequestParam(required = false) String month,
            @Parameter(description = "0-based page of the month's ratings") @RequestParam(defaultValue = "0") int page,
            @Parameter(description = "ratings per page, 1 to 100") @RequestParam(defaultValue = "20") int size, Locale locale) {
        Paging.check(page, size);
        return dashboard.of(ReportMonth.parse("month", month, clock), users.require().scope(), locale, page, size);
    }

    @GetMapping("/traces")
    @PreAuthorize(EvaluationPages.READERS)
    @Operation(summary = "The month's counted ratings below 4 stars, untraced first, with their traces")
    List<LowRating> traces(@Parameter(description = MONTH) @RequestParam(required = false) String month, Locale locale) {
        return traces.of(ReportMonth.parse("month", month, clock), users.require().scope(), locale);
    }

    @PostMapping("/{id}/trace")
    @PreAuthorize(TeamPages.TRACERS)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Trace a low rating to staff attitude (visit, deduction) or a process defect (improvement task), once")
    void trace(@PathVariable long id, @RequestBody LowRatingTraces.TraceInput input) {
        traces.trace(id, input, users.require());
    }

    @PostMapping("/{id}/task/close")
    @PreAuthorize(AccessRules.NODE_WORKERS)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Close the improvement task of a traced rating with what was done (its assignee, or a head or leader)")
    void closeTask(@PathVariable long id, @RequestBody TaskClosing closing) {
        traces.closeTask(id, closing.note(), users.require());
    }

    record TaskClosing(String note) {
    }

    @GetMapping("/teams")
    @PreAuthorize(EvaluationPages.READERS)
    @Operation(summary = "The month's team colours, bonuses, rectification reports and service stars, under the rules then in force")
    TeamMonth teams(@Parameter(description = MONTH) @RequestParam(required = false) String month, Locale locale) {
        return colours.of(ReportMonth.parse("month", month, clock), users.require().scope(), locale);
    }

    @GetMapping("/rules")
    @PreAuthorize(EvaluationPages.READERS)
    @Operation(summary = "Every version of the rules of team colours, rewards and service stars, newest first")
    List<EvaluationRule> rules() {
        return rules.versions();
    }

    @PostMapping("/rules")
    @PreAuthorize("hasRole('ADMIN')")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Add a version of the rules, in force from the current or a later month (administrators)")
    EvaluationRule changeRules(@RequestBody EvaluationRules.Change change) {
        return rules.change(change, users.require().username());
    }
}
