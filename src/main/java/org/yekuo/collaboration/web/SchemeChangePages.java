package org.yekuo.collaboration.web;

import java.util.Locale;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.yekuo.collaboration.SchemeChanges;
import org.yekuo.identity.AccessRules;
import org.yekuo.identity.CurrentUsers;
import org.yekuo.shared.DomainException;
import org.yekuo.shared.OnRefusal;
import org.yekuo.shared.Refusals;

import jakarta.servlet.http.HttpServletResponse;

/**
 * Scheme changes to acknowledge (R-COL-7): the reader's notices, one notice with what changed, and its
 * acknowledgement. Only the notice's recipient sees it.
 */
@Controller
@PreAuthorize(AccessRules.ORDER_READERS)
@RequestMapping("/scheme-changes")
class SchemeChangePages {

    private final SchemeChanges changes;
    private final CurrentUsers users;
    private final Refusals refusals;

    SchemeChangePages(SchemeChanges changes, CurrentUsers users, Refusals refusals) {
        this.changes = changes;
        this.users = users;
        this.refusals = refusals;
    }

    @GetMapping
    String mine(Model model) {
        model.addAttribute("notices", changes.mine(users.require()));
        return "collaboration/scheme-changes";
    }

    @GetMapping("/{id}")
    String notice(@PathVariable long id, Model model, Locale locale, HttpServletResponse response) {
        try {
            model.addAttribute("change", changes.get(id, users.require()));
            return "collaboration/scheme-change";
        } catch (DomainException e) {
            response.setStatus(e.status().value());
            model.addAttribute("refusal", refusals.explain(e, locale));
            model.addAttribute("titleKey", "collaboration.scheme-change.title");
            model.addAttribute("backHref", "/scheme-changes");
            model.addAttribute("backKey", "collaboration.scheme-change.all");
            return "collaboration/refused";
        }
    }

    @PostMapping("/{id}/acknowledge")
    @OnRefusal(redirect = "/scheme-changes/{id}")
    String acknowledge(@PathVariable long id, RedirectAttributes redirect) {
        changes.acknowledge(id, users.require());
        redirect.addFlashAttribute("notice", "collaboration.scheme-change.acknowledged-notice");
        return "redirect:/scheme-changes/" + id;
    }
}
