package org.yekuo.identity.web;

import java.util.List;
import java.util.Locale;
import java.util.Map;
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
import org.yekuo.identity.AccessRules;
import org.yekuo.identity.CurrentUser;
import org.yekuo.identity.CurrentUsers;
import org.yekuo.identity.OrgUnit;
import org.yekuo.identity.OrgUnits;
import org.yekuo.identity.PageShell;
import org.yekuo.identity.internal.OrgUnitAdministration;
import org.yekuo.identity.internal.OrgUnitAdministration.NewOrgUnit;
import org.yekuo.shared.DomainException;
import org.yekuo.shared.Refusals;

/** The system administrator's org-unit tree: create, rename, move and close units, refusals shown on the form. */
@Controller
@PreAuthorize(AccessRules.ADMIN)
class OrgUnitPages {

    /** Indents a unit's name by its depth in the tree. */
    private static final String INDENT = "\u00a0\u00a0\u00a0\u00a0";

    private final CurrentUsers users;
    private final OrgUnits orgUnits;
    private final OrgUnitAdministration administration;
    private final Refusals refusals;
    private final PageShell shell;

    OrgUnitPages(CurrentUsers users, OrgUnits orgUnits, OrgUnitAdministration administration, Refusals refusals, PageShell shell) {
        this.users = users;
        this.orgUnits = orgUnits;
        this.administration = administration;
        this.refusals = refusals;
        this.shell = shell;
    }

    @GetMapping("/org-units")
    String tree(Model model) {
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", new NewOrgUnit(null, "", "", "", null));
        }
        return withTree(users.require(), model, "orgunits/tree");
    }

    @PostMapping("/org-units")
    String create(@ModelAttribute NewOrgUnit form, Model model, RedirectAttributes flash, HttpServletResponse response) {
        try {
            OrgUnit created = administration.create(users.require(), form);
            flash.addFlashAttribute("notice", "orgunit.created");
            return "redirect:/org-units/" + created.id();
        } catch (DomainException e) {
            showRefusal(e, model, response);
            model.addAttribute("form", form);
            return tree(model);
        }
    }

    @GetMapping("/org-units/{id}")
    String detail(@PathVariable long id, Model model) {
        CurrentUser user = users.require();
        OrgUnit unit = orgUnits.byId(id).filter(u -> user.scope().includes(u.path()))
                .orElseThrow(() -> DomainException.notFound("orgunit.not-found", id));
        model.addAttribute("unit", unit);
        model.addAttribute("parent", unit.parentId() == null ? null : orgUnits.byId(unit.parentId()).orElse(null));
        model.addAttribute("staffCount", administration.enabledStaff(user).getOrDefault(id, 0L));
        return withTree(user, model, "orgunits/detail");
    }

    @PostMapping("/org-units/{id}/name")
    String rename(@PathVariable long id, @RequestParam(required = false) String nameZh, @RequestParam(required = false) String nameEn,
            Model model, RedirectAttributes flash, HttpServletResponse response) {
        return attempt(id, "orgunit.renamed", () -> administration.rename(users.require(), id, nameZh, nameEn), model, flash, response);
    }

    @PostMapping("/org-units/{id}/parent")
    String move(@PathVariable long id, @RequestParam(required = false) Long parentId, Model model, RedirectAttributes flash,
            HttpServletResponse response) {
        return attempt(id, "orgunit.moved", () -> administration.move(users.require(), id, parentId), model, flash, response);
    }

    @PostMapping("/org-units/{id}/closure")
    String close(@PathVariable long id, Model model, RedirectAttributes flash, HttpServletResponse response) {
        return attempt(id, "orgunit.closed", () -> administration.close(users.require(), id), model, flash, response);
    }

    /** Units outside the reader's scope: the refusal page, with the shell the exception handler's empty model lacks. */
    @ExceptionHandler(DomainException.class)
    String refused(DomainException e, Model model, HttpServletRequest request, HttpServletResponse response) {
        showRefusal(e, model, response);
        shell.addTo(model, request);
        return "orgunits/refused";
    }

    private String attempt(long id, String done, Supplier<OrgUnit> change, Model model, RedirectAttributes flash,
            HttpServletResponse response) {
        try {
            change.get();
        } catch (DomainException e) {
            if (e.status() == HttpStatus.NOT_FOUND) {
                throw e;
            }
            showRefusal(e, model, response);
            return detail(id, model);
        }
        flash.addFlashAttribute("notice", done);
        return "redirect:/org-units/" + id;
    }

    private void showRefusal(DomainException e, Model model, HttpServletResponse response) {
        Refusals.Refusal refusal = refusals.explain(e, LocaleContextHolder.getLocale());
        model.addAttribute("problems", refusal.fields());
        model.addAttribute("error", refusal.message());
        response.setStatus(e.status().value());
    }

    private String withTree(CurrentUser user, Model model, String view) {
        Locale locale = LocaleContextHolder.getLocale();
        List<OrgUnit> units = orgUnits.within(user.scope());
        model.addAttribute("units", units.stream().map(unit -> new Row(unit, INDENT.repeat(unit.depth()) + unit.name(locale))).toList());
        model.addAttribute("parents", units.stream().filter(unit -> !unit.closed() && unit.kind() != OrgUnit.Kind.TEAM)
                .map(unit -> new Row(unit, INDENT.repeat(unit.depth()) + unit.name(locale))).toList());
        model.addAttribute("staffCounts", administration.enabledStaff(user));
        model.addAttribute("kinds", List.of(OrgUnit.Kind.DEPARTMENT, OrgUnit.Kind.STATION, OrgUnit.Kind.TEAM));
        if (!model.containsAttribute("problems")) {
            model.addAttribute("problems", Map.of());
        }
        return view;
    }

    /** A unit in the tree, its name indented by depth. */
    record Row(OrgUnit unit, String label) {
    }
}
