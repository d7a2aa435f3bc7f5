package org.yekuo.deadline.report.web;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.List;
import java.util.Locale;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.yekuo.identity.AccessRules;
import org.yekuo.deadline.report.Leaderboard;
import org.yekuo.deadline.report.OnTimeLeaderboard;
import org.yekuo.deadline.report.OverdueAnalysis;
import org.yekuo.deadline.report.OverdueNotice;
import org.yekuo.deadline.report.OverdueNotices;
import org.yekuo.deadline.report.OverdueReport;
import org.yekuo.reporting.ReportMonth;
import org.yekuo.deadline.report.ScoreRule;
import org.yekuo.deadline.report.ScoreRules;
import org.yekuo.deadline.report.ScoreSheet;
import org.yekuo.deadline.report.ScoreSheets;
import org.yekuo.identity.CurrentUsers;
import org.yekuo.shared.Paging;

/**
 * The time-limit reports as JSON: monthly overdue analysis (R-SLA-5), score sheet and notices
 * (R-SLA-6), on-time leaderboard (R-SLA-7), each over the caller's data scope.
 */
@RestController
@RequestMapping("/api/deadlines/reports")
@Tag(name = "deadline reports", description = "Monthly overdue analysis, scores, notices of red nodes and the on-time leaderboard")
class ReportApi {

    private static final String MONTH = "month as yyyy-MM in the utility's time zone, e.g. 2026-03; the current month when left out";

    private final OverdueAnalysis analysis;
    private final ScoreSheets scores;
    private final ScoreRules rules;
    private final OnTimeLeaderboard leaderboard;
    private final OverdueNotices notices;
    private final CurrentUsers users;
    private final Clock clock;

    ReportApi(OverdueAnalysis analysis, ScoreSheets scores, ScoreRules rules, OnTimeLeaderboard leaderboard,
            OverdueNotices notices, CurrentUsers users, Clock clock) {
        this.analysis = analysis;
        this.scores = scores;
        this.rules = rules;
        this.leaderboard = leaderboard;
        this.notices = notices;
        this.users = users;
        this.clock = clock;
    }

    @GetMapping("/overdue-analysis")
    @PreAuthorize(ReportPages.MANAGERS)
    @Operation(summary = "Overdue nodes of a month by reason, node, department and person, with the trend and top causes")
    OverdueReport overdue(@Parameter(description = MONTH) @RequestParam(required = false) String month, Locale locale) {
        return analysis.of(ReportMonth.parse("month", month, clock), users.require().scope(), locale);
    }

    @GetMapping("/score-sheet")
    @PreAuthorize(ReportPages.MANAGERS)
    @Operation(summary = "Points lost by each owning department in a month: 0.5 per yellow and 2 per red order by default")
    ScoreSheet scoreSheet(@Parameter(description = MONTH) @RequestParam(required = false) String month, Locale locale) {
        return scores.of(ReportMonth.parse("month", month, clock), users.require().scope(), locale);
    }

    @GetMapping("/leaderboard")
    @PreAuthorize(AccessRules.STAFF)
    @Operation(summary = "The top 10% of staff by on-time completion in a month, marking three months running")
    Leaderboard leaderboard(@Parameter(description = MONTH) @RequestParam(required = false) String month, Locale locale) {
        return leaderboard.of(ReportMonth.parse("month", month, clock), users.require().scope(), locale);
    }

    @GetMapping("/notices")
    @PreAuthorize(AccessRules.STAFF)
    @Operation(summary = "Company-wide notices of red nodes, newest first")
    List<OverdueNotice> notices(@Parameter(description = "0-based page number") @RequestParam(defaultValue = "0") int page,
            @Parameter(description = "page size, 1 to 100") @RequestParam(defaultValue = "20") int size, Locale locale) {
        Paging.check(page, size);
        return notices.latest(page, size, locale);
    }

    @GetMapping("/score-rules")
    @PreAuthorize(ReportPages.MANAGERS)
    @Operation(summary = "Which department owns each node and the points per colour")
    List<ScoreRule> scoreRules() {
        return rules.all();
    }

    @PutMapping("/score-rules/{id}")
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "Change a rule (administrators); revision is the one read, a rule changed meanwhile is refused")
    ScoreRule changeRule(@PathVariable long id, @RequestBody RuleChange change) {
        return rules.change(id, change.revision(), change.owner(), change.orgUnitCode(), change.yellowPoints(), change.redPoints());
    }

    /** @param orgUnitCode the owning unit's code, for owner UNIT */
    record RuleChange(int revision, ScoreRule.Owner owner, String orgUnitCode, BigDecimal yellowPoints, BigDecimal redPoints) {
    }
}
