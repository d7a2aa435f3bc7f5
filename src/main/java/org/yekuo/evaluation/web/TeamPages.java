package org.yekuo.evaluation.web;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.yekuo.reporting.ReportMonth;
import org.yekuo.evaluation.EvaluationRules;
import org.yekuo.evaluation.LowRatingTraces;
import org.yekuo.evaluation.TeamColours;
import org.yekuo.evaluation.TraceCause;
import org.yekuo.identity.CurrentUser;
import org.yekuo.identity.CurrentUsers;
import org.yekuo.identity.Role;
import org.yekuo.identity.StaffMembers;
import org.yekuo.shared.DomainException;
import org.yekuo.shared.Refusals;
import org.yekuo.shared.Times;

/**
 * The station's monthly follow-up of ratings: the low ratings to trace (R-EVA-5), red until traced, with
 * improvement tasks to close; the team colours, bonuses, rectification reports and service stars
 * (R-EVA-6/7); and the versioned rules behind them, which administrators change.
 */
@Controller
@RequestMapping("/evaluations")
class TeamPages {

    /** Who records traces and rectification reports: the station's head and the leader in charge. */
    static final String TRACERS = "hasAnyRole('LEADER', 'DEPARTMENT_HEAD')";

    private final LowRatingTraces traces;
    private final TeamColours colours;
    private final EvaluationRules rules;
    private final StaffMembers staff;
    private final CurrentUsers users;
    private final Refusals refusals;
    private final Clock clock;

    TeamPages(LowRatingTraces traces, TeamColours colours, EvaluationRules rules, StaffMembers staff, CurrentUsers users,
            Refusals refusals, Clock clock) {
        this.traces = traces;
        this.colours = colours;
        this.rules = rules;
        this.staff = staff;
        this.users = users;
        this.refusals = refusals;
        this.clock = clock;
    }

    @GetMapping("/traces")
    @PreAuthorize(EvaluationPages.READERS)
    String traces(@RequestParam(required = false) String month, Model model, Locale locale, HttpServletResponse response) {
        ReportMonth shown = month(month, model, locale, response);
        CurrentUser user = users.require();
        model.addAttribute("ratings", traces.of(shown, user.scope(), locale));
        model.addAttribute("mayTrace", user.hasAny(Role.DEPARTMENT_HEAD, Role.LEADER));
        model.addAttribute("assignees", user.hasAny(Role.DEPARTMENT_HEAD, Role.LEADER) ? assignees(user) : java.util.List.of());
        model.addAttribute("causes", TraceCause.values());
        model.addAttribute("today", LocalDate.now(clock).toString());
        model.addAttribute("timeFormat", Times.MINUTES);
        model.addAttribute("zone", clock.getZone());
        return "evaluation/traces";
    }

    @PostMapping("/traces/{id}")
    @PreAuthorize(TRACERS)
    String trace(@PathVariable long id, @RequestParam(required = false) String month, @RequestParam(required = false) TraceCause cause,
            @RequestParam(required = false) String staffUsername, @RequestParam(required = false) String visitDate,
            @RequestParam(required = false) String visitNote, @RequestParam(required = false) String taskTitle,
            @RequestParam(required = false) String taskAssignee, @RequestParam(required = false) String taskDue,
            Model model, Locale locale, HttpServletResponse response, RedirectAttributes redirect) {
        try {
            traces.trace(id, new LowRatingTraces.TraceInput(cause, staffUsername, date(visitDate), visitNote, taskTitle, taskAssignee,
                    date(taskDue)), users.require());
            redirect.addFlashAttribute("saved", id);
            return "redirect:/evaluations/traces" + (month == null ? "" : "?month=" + month);
        } catch (DomainException e) {
            if (e.status() == HttpStatus.NOT_FOUND) {
                throw e;
            }
            String page = traces(month, model, locale, response);
            response.setStatus(e.status().value());
            model.addAttribute("errorRating", id);
            model.addAttribute("refusal", refusals.explain(e, locale));
            return page;
        }
    }

    @GetMapping("/tasks")
    String tasks(Model model, Locale locale) {
        model.addAttribute("tasks", traces.openTasksOf(users.require(), locale));
        return "evaluation/tasks";
    }

    @PostMapping("/tasks/{id}/close")
    String closeTask(@PathVariable long id, @RequestParam(required = false) String note, Model model, Locale locale,
            HttpServletResponse response, RedirectAttributes redirect) {
        try {
            traces.closeTask(id, note, users.require());
            redirect.addFlashAttribute("closed", id);
            return "redirect:/evaluations/tasks";
        } catch (DomainException e) {
            if (e.status() == HttpStatus.NOT_FOUND || e.status() == HttpStatus.FORBIDDEN) {
                throw e;
            }
            String page = tasks(model, locale);
            response.setStatus(e.status().value());
            model.addAttribute("errorTask", id);
            model.addAttribute("refusal", refusals.explain(e, locale));
            return page;
        }
    }

    @GetMapping("/teams")
    @PreAuthorize(EvaluationPages.READERS)
    String teams(@RequestParam(required = false) String month, Model model, Locale locale, HttpServletResponse response) {
        ReportMonth shown = month(month, model, locale, response);
        CurrentUser user = users.require();
        model.addAttribute("teamMonth", colours.of(shown, user.scope(), locale));
        model.addAttribute("mayRectify", user.hasAny(Role.DEPARTMENT_HEAD, Role.LEADER));
        model.addAttribute("versions", rules.versions());
        model.addAttribute("admin", user.has(Role.ADMIN));
        model.addAttribute("today", LocalDate.now(clock));
        model.addAttribute("timeFormat", Times.MINUTES);
        model.addAttribute("zone", clock.getZone());
        return "evaluation/teams";
    }

    @PostMapping("/teams/rectification")
    @PreAuthorize(TRACERS)
    String rectify(@RequestParam(required = false) String month, @RequestParam(required = false) String orgPath,
            @RequestParam(required = false) String report, Model model, Locale locale, HttpServletResponse response,
            RedirectAttributes redirect) {
        try {
            colours.rectify(orgPath, ReportMonth.parse("month", month, clock).month(), report, users.require(), locale);
            return "redirect:/evaluations/teams?month=" + month;
        } catch (DomainException e) {
            String page = teams(month, model, locale, response);
            response.setStatus(e.status().value());
            model.addAttribute("errorTeam", orgPath);
            model.addAttribute("refusal", refusals.explain(e, locale));
            return page;
        }
    }

    @PostMapping("/rules")
    @PreAuthorize("hasRole('ADMIN')")
    String changeRules(@RequestParam(required = false) String validFrom, @RequestParam(required = false) String greenFrom,
            @RequestParam(required = false) String yellowFrom, @RequestParam(required = false) String greenBonusYuan,
            @RequestParam(required = false) String rectificationDays, @RequestParam(required = false) String starAverage,
            @RequestParam(required = false) String starMonths, @RequestParam(required = false) String attitudeDeduction,
            Model model, Locale locale, HttpServletResponse response) {
        try {
            rules.change(new EvaluationRules.Change(validFrom, decimal(greenFrom), decimal(yellowFrom), integer(greenBonusYuan),
                    integer(rectificationDays), decimal(starAverage), integer(starMonths), decimal(attitudeDeduction)),
                    users.require().username());
            return "redirect:/evaluations/teams";
        } catch (DomainException e) {
            String page = teams(null, model, locale, response);
            response.setStatus(e.status().value());
            model.addAttribute("ruleRefusal", refusals.explain(e, locale));
            // The administrator's input is shown again as typed, to be corrected rather than typed anew.
            java.util.Map<String, String> typed = new java.util.HashMap<>();
            typed.put("validFrom", validFrom);
            typed.put("greenFrom", greenFrom);
            typed.put("yellowFrom", yellowFrom);
            typed.put("greenBonusYuan", greenBonusYuan);
            typed.put("rectificationDays", rectificationDays);
            typed.put("starAverage", starAverage);
            typed.put("starMonths", starMonths);
            typed.put("attitudeDeduction", attitudeDeduction);
            model.addAttribute("ruleInput", typed);
            return page;
        }
    }

    private java.util.List<org.yekuo.identity.StaffMember> assignees(CurrentUser user) {
        java.util.Map<String, org.yekuo.identity.StaffMember> byName = new java.util.TreeMap<>();
        for (Role role : Role.values()) {
            if (role != Role.ADMIN && role != Role.SECURITY_ADMIN && role != Role.AUDITOR) {
                staff.withRole(role, user.scope()).forEach(s -> byName.putIfAbsent(s.username(), s));
            }
        }
        return java.util.List.copyOf(byName.values());
    }

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

    /** A date as the date picker sends it; anything else is left for the rule to name as missing. */
    private static LocalDate date(String text) {
        try {
            return text == null || text.isBlank() ? null : LocalDate.parse(text.strip());
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }

    private static BigDecimal decimal(String text) {
        try {
            return text == null || text.isBlank() ? null : new BigDecimal(text.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Integer integer(String text) {
        try {
            return text == null || text.isBlank() ? null : Integer.valueOf(text.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
