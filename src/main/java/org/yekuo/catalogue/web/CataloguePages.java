package org.yekuo.catalogue.web;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.yekuo.catalogue.BusinessTypeDefinition;
import org.yekuo.catalogue.Catalogue;
import org.yekuo.catalogue.Department;
import org.yekuo.catalogue.KeyNode;
import org.yekuo.catalogue.LimitSource;
import org.yekuo.catalogue.LimitUnit;
import org.yekuo.catalogue.ProcessFamily;
import org.yekuo.catalogue.ReviewGuidelines;
import org.yekuo.catalogue.internal.CatalogueEditing;
import org.yekuo.catalogue.internal.Edits;
import org.yekuo.catalogue.internal.ReviewerInput;
import org.yekuo.identity.CurrentUsers;
import org.yekuo.identity.PageShell;
import org.yekuo.identity.Role;
import org.yekuo.shared.DomainException;
import org.yekuo.shared.Refusals;
import org.yekuo.workflow.ProcessDiagrams;

/**
 * The catalogue's pages: the list of business types and one type with its flow, limits, checklist,
 * reviewers with the review guideline they apply, and change log. Administrators edit in place; a refused edit is shown on its form.
 */
@Controller
@RequestMapping("/catalogue")
class CataloguePages {

    private final Catalogue catalogue;
    private final CatalogueEditing editing;
    private final CurrentUsers users;
    private final MessageSource messages;
    private final Refusals refusals;
    private final Clock clock;
    private final ProcessDiagrams diagrams;
    private final ReviewGuidelines guidelines;
    private final PageShell shell;

    CataloguePages(Catalogue catalogue, CatalogueEditing editing, CurrentUsers users, MessageSource messages,
            Refusals refusals, Clock clock, ProcessDiagrams diagrams, ReviewGuidelines guidelines, PageShell shell) {
        this.catalogue = catalogue;
        this.editing = editing;
        this.users = users;
        this.messages = messages;
        this.refusals = refusals;
        this.clock = clock;
        this.diagrams = diagrams;
        this.guidelines = guidelines;
        this.shell = shell;
    }

    @GetMapping
    String types(@RequestParam(required = false) ProcessFamily family, Model model) {
        model.addAttribute("types", family == null ? catalogue.types() : catalogue.types(family));
        model.addAttribute("family", family);
        model.addAttribute("families", ProcessFamily.values());
        model.addAttribute("guidelines", guidelines.guidelines());
        model.addAttribute("zone", clock.getZone());
        return "catalogue/types";
    }

    @GetMapping("/{code}")
    String type(@PathVariable String code, @RequestParam(required = false) Integer version, Model model) {
        BusinessTypeDefinition current = catalogue.current(code);
        BusinessTypeDefinition shown = version == null ? current : catalogue.version(code, version);
        boolean old = shown.version() != current.version();
        List<String> onList = shown.checklist().stream().map(i -> i.material().code()).toList();
        model.addAttribute("type", shown);
        // R-CAT-2: the flow chart is the family's BPMN diagram with the nodes this type skips greyed out.
        model.addAttribute("flowChart", diagrams.forType(org.yekuo.workflow.ProcessFamily.valueOf(shown.family().name()),
                shown.nodeSequence().stream().map(KeyNode::name).toList(),
                node -> messages.getMessage("catalogue.node." + node, null, node, LocaleContextHolder.getLocale())));
        model.addAttribute("currentVersion", current.version());
        model.addAttribute("viewingOld", old);
        model.addAttribute("canEdit", !old && users.require().has(Role.ADMIN));
        model.addAttribute("history", catalogue.history(code));
        model.addAttribute("guideline", guidelines.applicableTo(shown).orElse(null));
        model.addAttribute("addable", catalogue.materials().stream().filter(m -> !onList.contains(m.code())).toList());
        model.addAttribute("abolished", catalogue.abolishedMaterials());
        model.addAttribute("deferralNodes", shown.nodeSequence().stream().filter(n -> n != KeyNode.ACCEPTANCE).toList());
        model.addAttribute("units", LimitUnit.values());
        model.addAttribute("sources", LimitSource.values());
        model.addAttribute("departments", Department.values());
        model.addAttribute("zone", clock.getZone());
        model.addAttribute("onlineCapable", catalogue.types().stream().anyMatch(t -> t.code().equals(code) && t.onlineCapable()));
        return "catalogue/type";
    }

    @PostMapping("/{code}/nodes/{node}/limit")
    String changeTimeLimit(@PathVariable String code, @PathVariable String node, Edits.TimeLimitEdit edit,
            Model model, RedirectAttributes redirect, HttpServletResponse response, Locale locale) {
        return edit(code, "limit-" + node, edit, () -> editing.changeTimeLimit(code, node, edit), model, redirect,
                response, locale);
    }

    @PostMapping("/{code}/materials")
    String addMaterial(@PathVariable String code, Edits.MaterialAddition edit, Model model,
            RedirectAttributes redirect, HttpServletResponse response, Locale locale) {
        return edit(code, "add-material", edit, () -> editing.addMaterial(code, edit), model, redirect, response,
                locale);
    }

    @PostMapping("/{code}/materials/{materialCode}/deferral")
    String changeDeferral(@PathVariable String code, @PathVariable String materialCode, Edits.DeferralEdit edit,
            Model model, RedirectAttributes redirect, HttpServletResponse response, Locale locale) {
        return edit(code, "material-" + materialCode, edit, () -> editing.changeDeferral(code, materialCode, edit),
                model, redirect, response, locale);
    }

    @PostMapping("/{code}/materials/{materialCode}/remove")
    String removeMaterial(@PathVariable String code, @PathVariable String materialCode,
            @RequestParam(required = false) Integer baseVersion, Model model, RedirectAttributes redirect,
            HttpServletResponse response, Locale locale) {
        return edit(code, "material-" + materialCode, null,
                () -> editing.removeMaterial(code, materialCode, baseVersion, null), model, redirect, response, locale);
    }

    /** One checkbox per department and an optional threshold field named {@code onlyAboveKw.<DEPARTMENT>}. */
    @PostMapping("/{code}/reviewers")
    String changeReviewers(@PathVariable String code, @RequestParam(required = false) Integer baseVersion,
            @RequestParam(name = "department", required = false) List<String> checked,
            @RequestParam Map<String, String> form, Model model, RedirectAttributes redirect,
            HttpServletResponse response, Locale locale) {
        List<ReviewerInput> reviewers = (checked == null ? List.<String>of() : checked).stream()
                .map(d -> new ReviewerInput(d, form.get("onlyAboveKw." + d))).toList();
        Edits.ReviewersEdit edit = new Edits.ReviewersEdit(baseVersion, reviewers, form.get("reason"));
        return edit(code, "reviewers", edit, () -> editing.changeReviewers(code, edit), model, redirect, response,
                locale);
    }

    /** Whether applicants may apply for the type from their phone: administrators, with a reason. */
    @PostMapping("/{code}/online")
    String changeOnlineCapable(@PathVariable String code, @RequestParam(required = false) String onlineCapable,
            @RequestParam(required = false) String reason, Model model, RedirectAttributes redirect, HttpServletResponse response,
            Locale locale) {
        try {
            boolean online = editing.changeOnlineCapable(code, onlineCapable, reason);
            redirect.addFlashAttribute("onlineSaved", online);
            return "redirect:/catalogue/" + code + "#online";
        } catch (DomainException e) {
            RefusedEdit.show(e, "online", new OnlineEdit(onlineCapable, reason), refusals, model, response, locale);
            return type(code, null, model);
        }
    }

    /** The online setting as the administrator left it, for the form to show again when refused. */
    record OnlineEdit(String onlineCapable, String reason) {
    }

    /** Unknown types and versions: the list, with the reason, under the refusal's status. */
    @ExceptionHandler(DomainException.class)
    String refused(DomainException e, Model model, HttpServletRequest request, HttpServletResponse response, Locale locale) {
        shell.addTo(model, request);
        response.setStatus(e.status().value());
        model.addAttribute("refusal", refusals.explain(e, locale).message());
        return types(null, model);
    }

    private String edit(String code, String form, Object rejected, Supplier<BusinessTypeDefinition> action,
            Model model, RedirectAttributes redirect, HttpServletResponse response, Locale locale) {
        try {
            BusinessTypeDefinition saved = action.get();
            redirect.addFlashAttribute("savedVersion", saved.version());
            return "redirect:/catalogue/" + saved.code();
        } catch (DomainException e) {
            RefusedEdit.show(e, form, rejected, refusals, model, response, locale);
            return type(code, null, model);
        }
    }
}
