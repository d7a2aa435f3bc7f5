package org.yekuo.evaluation.web;

import java.time.Clock;
import java.util.Locale;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.yekuo.deadline.report.ReportMonth;
import org.yekuo.evaluation.EvaluationDashboard;
import org.yekuo.evaluation.EvaluationReport;
import org.yekuo.identity.CurrentUsers;
import org.yekuo.shared.Paging;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;

/** The evaluation dashboard as JSON (R-EVA-4), over the caller's data scope. */
@RestController
@RequestMapping("/api/evaluations")
@Tag(name = "evaluations", description = "Customers' ratings after power-on: averages, distributions and flagged ratings")
class EvaluationApi {

    private final EvaluationDashboard dashboard;
    private final CurrentUsers users;
    private final Clock clock;

    EvaluationApi(EvaluationDashboard dashboard, CurrentUsers users, Clock clock) {
        this.dashboard = dashboard;
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
}
