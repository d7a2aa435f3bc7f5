package org.yekuo.catalogue.web;

import java.time.Clock;
import java.util.Locale;
import java.util.function.Supplier;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.yekuo.catalogue.Catalogue;
import org.yekuo.catalogue.Department;
import org.yekuo.catalogue.ReviewGuideline;
import org.yekuo.catalogue.ReviewGuidelines;
import org.yekuo.catalogue.internal.GuidelineEditing;
import org.yekuo.catalogue.internal.GuidelineEdits;
import org.yekuo.identity.CurrentUsers;
import org.yekuo.identity.PageShell;
import org.yekuo.identity.Role;
import org.yekuo.shared.DomainException;
import org.yekuo.shared.Refusals;

/**
 * A review guideline's page: its items grouped by department, the business types it applies to and its
 * change log. Administrators edit in place; a refused edit is shown on its form.
 */
@Controller
@RequestMapping("/catalogue/guidelines")
class GuidelinePages {

    private final ReviewGuidelines guidelines;
    private final GuidelineEditing editing;
    private final Catalogue catalogue;
    private final CurrentUsers users;
    private final Refusals refusals;
    private final Clock clock;
    private final PageShell shell;

    GuidelinePages(ReviewGuidelines guidelines, GuidelineEditing editing, Catalogue catalogue, CurrentUsers users,
            Refusals refusals, Clock clock, PageShell shell) {
        this.guidelines = guidelines;
        this.editing = editing;
        this.catalogue = catalogue;
        this.users = users;
        this.refusals = refusals;
        this.clock = clock;
        this.shell = shell;
    }

    @GetMapping("/{code}")
    String guideline(@PathVariable String code, @RequestParam(required = false) Integer version, Model model) {
        ReviewGuideline current = guidelines.current(code);
        ReviewGuideline shown = version == null ? current : guidelines.version(code, version);
        boolean old = shown.version() != current.version();
        model.addAttribute("guideline", shown);
        model.addAttribute("currentVersion", current.version());
        model.addAttribute("viewingOld", old);
        model.addAttribute("canEdit", !old && users.require().has(Role.ADMIN));
        model.addAttribute("history", guidelines.history(code));
        model.addAttribute("appliesTo", catalogue.types().stream()
                .filter(t -> guidelines.codeFor(catalogue.current(t.code())).filter(code::equals).isPresent())
                .toList());
        return page(model);
    }

    @PostMapping("/{code}/items/{clauseNo}")
    String changeItem(@PathVariable String code, @PathVariable String clauseNo, GuidelineEdits.ItemEdit edit,
            Model model, RedirectAttributes redirect, HttpServletResponse response, Locale locale) {
        return edit(code, "item-" + clauseNo, edit, () -> editing.changeItem(code, clauseNo, edit), model, redirect,
                response, locale);
    }

    @PostMapping("/{code}/items")
    String addItem(@PathVariable String code, GuidelineEdits.ItemAddition edit, Model model,
            RedirectAttributes redirect, HttpServletResponse response, Locale locale) {
        return edit(code, "add-item", edit, () -> editing.addItem(code, edit), model, redirect, response, locale);
    }

    @PostMapping("/{code}/items/{clauseNo}/retire")
    String retireItem(@PathVariable String code, @PathVariable String clauseNo,
            @RequestParam(required = false) Integer baseVersion, @RequestParam(required = false) String reason,
            Model model, RedirectAttributes redirect, HttpServletResponse response, Locale locale) {
        return edit(code, "item-" + clauseNo, null, () -> editing.retireItem(code, clauseNo, baseVersion, reason),
                model, redirect, response, locale);
    }

    /** Unknown guidelines and versions: the page without a guideline, with the reason, under the refusal's status. */
    @ExceptionHandler(DomainException.class)
    String refused(DomainException e, Model model, HttpServletRequest request, HttpServletResponse response, Locale locale) {
        shell.addTo(model, request);
        response.setStatus(e.status().value());
        model.addAttribute("refusal", refusals.explain(e, locale).message());
        return page(model);
    }

    private String page(Model model) {
        model.addAttribute("guidelines", guidelines.guidelines());
        model.addAttribute("departments", Department.values());
        model.addAttribute("zone", clock.getZone());
        return "catalogue/guideline";
    }

    private String edit(String code, String form, Object rejected, Supplier<ReviewGuideline> action, Model model,
            RedirectAttributes redirect, HttpServletResponse response, Locale locale) {
        try {
            ReviewGuideline saved = action.get();
            redirect.addFlashAttribute("savedVersion", saved.version());
            return "redirect:/catalogue/guidelines/" + saved.code();
        } catch (DomainException e) {
            RefusedEdit.show(e, form, rejected, refusals, model, response, locale);
            return guideline(code, null, model);
        }
    }
}
