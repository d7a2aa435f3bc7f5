package org.yekuo.identity.web;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.yekuo.identity.CurrentUser;
import org.yekuo.identity.CurrentUsers;
import org.yekuo.identity.OrgUnits;
import org.yekuo.identity.PageShell;
import org.yekuo.identity.Role;
import org.yekuo.identity.StaffMembers;
import org.yekuo.identity.internal.SecondFactors;
import org.yekuo.identity.internal.StaffAdministration;
import org.yekuo.identity.internal.StaffAdministration.NewStaffMember;
import org.yekuo.identity.internal.StaffChange;
import org.yekuo.identity.internal.StaffListing;
import org.yekuo.identity.internal.StaffPage;
import org.yekuo.identity.internal.StaffSearch;
import org.yekuo.shared.DomainException;
import org.yekuo.shared.Paging;
import org.yekuo.shared.Refusals;
import org.yekuo.shared.Times;

/**
 * The security administrator's staff pages; system administrators see them read-only. Refusals are
 * shown on the page they came from, with the fields at fault marked.
 */
@Controller
@PreAuthorize("hasAnyRole('SECURITY_ADMIN', 'ADMIN')")
class StaffPages {

    static final int PAGE_SIZE = 20;
    /** Indents an org unit's name by its depth in the tree, in select boxes. */
    private static final String INDENT = "\u00a0\u00a0\u00a0\u00a0";

    private final CurrentUsers users;
    private final StaffSearch search;
    private final StaffAdministration administration;
    private final OrgUnits orgUnits;
    private final Refusals refusals;
    private final PageShell shell;
    private final Clock clock;
    private final StaffMembers members;
    private final SecondFactors secondFactors;

    StaffPages(CurrentUsers users, StaffSearch search, StaffAdministration administration, OrgUnits orgUnits,
            Refusals refusals, PageShell shell, Clock clock, StaffMembers members, SecondFactors secondFactors) {
        this.secondFactors = secondFactors;
        this.members = members;
        this.users = users;
        this.search = search;
        this.administration = administration;
        this.orgUnits = orgUnits;
        this.refusals = refusals;
        this.shell = shell;
        this.clock = clock;
    }

    @GetMapping("/staff")
    String list(@RequestParam(required = false) Long orgUnitId, @RequestParam(required = false) String q,
            @RequestParam(defaultValue = "0") int page, Model model) {
        CurrentUser user = users.require();
        StaffPage staff = search.search(user.scope(), new StaffSearch.Filter(orgUnitId, q), Math.max(page, 0), PAGE_SIZE);
        model.addAttribute("staff", staff);
        model.addAttribute("pages", Paging.pages(staff.total(), PAGE_SIZE));
        model.addAttribute("orgUnitId", orgUnitId);
        model.addAttribute("q", q);
        return withChoices(user, model, "staff/list");
    }

    @GetMapping("/staff/new")
    @PreAuthorize("hasRole('SECURITY_ADMIN')")
    String newForm(Model model) {
        model.addAttribute("form", new NewStaffMember("", "", null, Set.of(), "", ""));
        return withChoices(users.require(), model, "staff/new");
    }

    @PostMapping("/staff")
    @PreAuthorize("hasRole('SECURITY_ADMIN')")
    String create(@ModelAttribute NewStaffMember form, Model model, RedirectAttributes flash,
            HttpServletResponse response) {
        CurrentUser user = users.require();
        try {
            StaffAdministration.Outcome outcome = administration.create(user, form);
            if (outcome.isPending()) {
                flash.addFlashAttribute("notice", "staff.change.filed");
                return "redirect:/staff/approvals";
            }
            flash.addFlashAttribute("notice", "staff.created");
            return "redirect:/staff/" + outcome.member().id();
        } catch (DomainException e) {
            showRefusal(e, model, response);
            model.addAttribute("form", new NewStaffMember(form.username(), form.displayName(), form.orgUnitId(),
                    form.roles() == null ? Set.of() : form.roles(), "", form.mobile()));
            return withChoices(user, model, "staff/new");
        }
    }

    /** Changes to privileged accounts that wait for a second security administrator. */
    @GetMapping("/staff/approvals")
    @PreAuthorize("hasRole('SECURITY_ADMIN')")
    String approvals(Model model) {
        CurrentUser user = users.require();
        List<StaffChange> pending = administration.pendingChanges(user);
        model.addAttribute("changes", pending);
        model.addAttribute("requestedAt", pending.stream().collect(java.util.stream.Collectors.toMap(StaffChange::id,
                change -> Times.MINUTES.format(change.requestedAt().atZone(clock.getZone())))));
        model.addAttribute("unitNames", orgUnits.within(user.scope()).stream().collect(java.util.stream.Collectors.toMap(
                unit -> unit.id(), unit -> unit.name(LocaleContextHolder.getLocale()))));
        model.addAttribute("me", user.username());
        model.addAttribute("names", members.displayNames(pending.stream().map(StaffChange::requestedBy).toList()));
        return withChoices(user, model, "staff/approvals");
    }

    @PostMapping("/staff/approvals/{changeId}/approve")
    @PreAuthorize("hasRole('SECURITY_ADMIN')")
    String approve(@PathVariable long changeId, Model model, RedirectAttributes flash, HttpServletResponse response) {
        return decide(() -> administration.approve(users.require(), changeId), "staff.change.approved", model, flash, response);
    }

    @PostMapping("/staff/approvals/{changeId}/reject")
    @PreAuthorize("hasRole('SECURITY_ADMIN')")
    String reject(@PathVariable long changeId, Model model, RedirectAttributes flash, HttpServletResponse response) {
        return decide(() -> administration.reject(users.require(), changeId), "staff.change.rejected", model, flash, response);
    }

    @GetMapping("/staff/{id}")
    String detail(@PathVariable long id, Model model) {
        CurrentUser user = users.require();
        StaffListing member = search.find(user.scope(), id)
                .orElseThrow(() -> DomainException.notFound("staff.not-found", id));
        model.addAttribute("member", member);
        model.addAttribute("lockedUntil", member.lockedUntil() == null ? null
                : Times.MINUTES.format(member.lockedUntil().atZone(clock.getZone())));
        model.addAttribute("self", member.id() == user.id());
        model.addAttribute("secondFactorSince", secondFactors.enrolledSince(member.id())
                .map(since -> Times.MINUTES.format(since.atZone(clock.getZone()))).orElse(null));
        return withChoices(user, model, "staff/detail");
    }

    @PostMapping("/staff/{id}/roles")
    @PreAuthorize("hasRole('SECURITY_ADMIN')")
    String changeRoles(@PathVariable long id, @RequestParam(required = false) Set<Role> roles, Model model,
            RedirectAttributes flash, HttpServletResponse response) {
        return attempt(id, "staff.roles-changed", () -> administration.changeRoles(users.require(), id, roles),
                model, flash, response);
    }

    @PostMapping("/staff/{id}/org-unit")
    @PreAuthorize("hasRole('SECURITY_ADMIN')")
    String moveTo(@PathVariable long id, @RequestParam(required = false) Long orgUnitId, Model model,
            RedirectAttributes flash, HttpServletResponse response) {
        return attempt(id, "staff.org-unit-changed", () -> administration.moveTo(users.require(), id, orgUnitId),
                model, flash, response);
    }

    @PostMapping("/staff/{id}/enabled")
    @PreAuthorize("hasRole('SECURITY_ADMIN')")
    String setEnabled(@PathVariable long id, @RequestParam boolean enabled, Model model, RedirectAttributes flash,
            HttpServletResponse response) {
        return attempt(id, enabled ? "staff.enabled" : "staff.disabled",
                () -> administration.setEnabled(users.require(), id, enabled), model, flash, response);
    }

    @PostMapping("/staff/{id}/password")
    @PreAuthorize("hasRole('SECURITY_ADMIN')")
    String resetPassword(@PathVariable long id, @RequestParam(required = false) String password, Model model,
            RedirectAttributes flash, HttpServletResponse response) {
        return attempt(id, "staff.password-reset", () -> administration.resetPassword(users.require(), id, password),
                model, flash, response);
    }

    @PostMapping("/staff/{id}/mobile")
    @PreAuthorize("hasRole('SECURITY_ADMIN')")
    String changeMobile(@PathVariable long id, @RequestParam(required = false) String mobile, Model model,
            RedirectAttributes flash, HttpServletResponse response) {
        return attempt(id, "staff.mobile-changed", () -> administration.changeMobile(users.require(), id, mobile), model, flash,
                response);
    }

    @PostMapping("/staff/{id}/unlock")
    @PreAuthorize("hasRole('SECURITY_ADMIN')")
    String unlock(@PathVariable long id, Model model, RedirectAttributes flash, HttpServletResponse response) {
        return attempt(id, "staff.unlocked", () -> {
            administration.unlock(users.require(), id);
            return null;
        }, model, flash, response);
    }

    @PostMapping("/staff/{id}/second-factor/reset")
    @PreAuthorize("hasRole('SECURITY_ADMIN')")
    String resetSecondFactor(@PathVariable long id, Model model, RedirectAttributes flash, HttpServletResponse response) {
        return attempt(id, "account.totp.reset-done", () -> administration.resetSecondFactor(users.require(), id), model, flash,
                response);
    }

    /** Staff or org units outside the reader's scope, or refusals with nothing to mark on a form. */
    @ExceptionHandler(DomainException.class)
    String refused(DomainException e, Model model, HttpServletRequest request, HttpServletResponse response) {
        showRefusal(e, model, response);
        // Exception handlers get an empty model, so the shell's attributes are added here.
        shell.addTo(model, request);
        return "staff/refused";
    }

    private String attempt(long id, String done, Supplier<StaffAdministration.Outcome> change, Model model,
            RedirectAttributes flash, HttpServletResponse response) {
        StaffAdministration.Outcome outcome;
        try {
            outcome = change.get();
        } catch (DomainException e) {
            if (e.status() == HttpStatus.NOT_FOUND) {
                throw e;
            }
            showRefusal(e, model, response);
            return detail(id, model);
        }
        flash.addFlashAttribute("notice", outcome != null && outcome.isPending() ? "staff.change.filed" : done);
        return "redirect:/staff/" + id;
    }

    private String decide(Runnable decision, String done, Model model, RedirectAttributes flash, HttpServletResponse response) {
        try {
            decision.run();
        } catch (DomainException e) {
            if (e.status() == HttpStatus.NOT_FOUND) {
                throw e;
            }
            showRefusal(e, model, response);
            return approvals(model);
        }
        flash.addFlashAttribute("notice", done);
        return "redirect:/staff/approvals";
    }

    private void showRefusal(DomainException e, Model model, HttpServletResponse response) {
        Refusals.Refusal refusal = refusals.explain(e, LocaleContextHolder.getLocale());
        model.addAttribute("problems", refusal.fields());
        model.addAttribute("error", refusal.message());
        response.setStatus(e.status().value());
    }

    private String withChoices(CurrentUser user, Model model, String view) {
        Locale locale = LocaleContextHolder.getLocale();
        model.addAttribute("units", orgUnits.within(user.scope()).stream().filter(unit -> !unit.closed())
                .map(unit -> new Choice(unit.id(), INDENT.repeat(unit.depth()) + unit.name(locale))).toList());
        model.addAttribute("allRoles", List.of(Role.values()));
        model.addAttribute("canEdit", user.has(Role.SECURITY_ADMIN));
        if (!model.containsAttribute("problems")) {
            model.addAttribute("problems", Map.of());
        }
        return view;
    }

    /** An org unit in a select box. */
    record Choice(long id, String label) {
    }
}
