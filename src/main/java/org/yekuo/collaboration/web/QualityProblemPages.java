package org.yekuo.collaboration.web;

import java.util.Locale;
import java.util.Map;

import org.springframework.context.MessageSource;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.yekuo.collaboration.QualityCategory;
import org.yekuo.collaboration.QualityProblems;
import org.yekuo.collaboration.ResponsibilityChain;
import org.yekuo.collaboration.ResponsibilityChains;
import org.yekuo.identity.CurrentUser;
import org.yekuo.identity.CurrentUsers;
import org.yekuo.shared.DomainException;
import org.yekuo.shared.Refusals;

import jakarta.servlet.http.HttpServletResponse;

/**
 * The form a department head or the leader in charge files a quality problem with (R-COL-6): the category from the
 * fixed list, the node of the order's responsibility chain it goes back to — each offered with the person who answers
 * for it — and what is wrong. A refused filing comes back with each wrong field named and what was entered kept.
 */
@Controller
@RequestMapping("/quality-problems/orders/{orderId}")
@PreAuthorize(ResponsibilityChainPages.ISSUERS)
class QualityProblemPages {

    private final QualityProblems problems;
    private final ResponsibilityChains chains;
    private final CurrentUsers users;
    private final Refusals refusals;
    private final MessageSource messages;

    QualityProblemPages(QualityProblems problems, ResponsibilityChains chains, CurrentUsers users, Refusals refusals, MessageSource messages) {
        this.problems = problems;
        this.chains = chains;
        this.users = users;
        this.refusals = refusals;
        this.messages = messages;
    }

    @GetMapping
    String form(@PathVariable long orderId, Model model, Locale locale, HttpServletResponse response) {
        return page(orderId, Map.of(), model, locale, response);
    }

    @PostMapping
    String file(@PathVariable long orderId, @RequestParam Map<String, String> form, Model model, Locale locale,
            HttpServletResponse response, RedirectAttributes redirect) {
        String target = form.getOrDefault("target", "");
        int colon = target.indexOf(':');
        QualityProblems.Filing filing = new QualityProblems.Filing(form.get("category"), form.get("description"),
                colon < 0 ? target : target.substring(0, colon), colon < 0 ? null : target.substring(colon + 1));
        try {
            problems.file(orderId, filing, users.require());
            return "redirect:/orders/" + orderId + "#responsibility-chain";
        } catch (DomainException e) {
            response.setStatus(e.status().value());
            model.addAttribute("refusal", refusals.explain(e, locale));
            return page(orderId, form, model, locale, response);
        }
    }

    private String page(long orderId, Map<String, String> entered, Model model, Locale locale, HttpServletResponse response) {
        CurrentUser user = users.require();
        model.addAttribute("orderId", orderId);
        model.addAttribute("entered", entered);
        model.addAttribute("categories", QualityCategory.values());
        try {
            ResponsibilityChain chain = chains.of(orderId, user).orElse(null);
            model.addAttribute("chain", chain);
            model.addAttribute("targets", chain == null ? java.util.List.of() : problems.traceable(chain).stream()
                    .map(l -> new Target(QualityProblems.target(l), messages.getMessage("collaboration.quality.target",
                            new Object[] {messages.getMessage("catalogue.node." + l.nodeCode(), null, l.nodeCode(), locale),
                                    chains.describe(l, locale), l.actorName()}, locale)))
                    .toList());
            return "collaboration/quality-problem";
        } catch (DomainException e) {
            response.setStatus(e.status().value());
            model.addAttribute("refusal", refusals.explain(e, locale));
            model.addAttribute("backHref", "/orders");
            return "collaboration/refused";
        }
    }

    /** A node (or a department of the review) a problem can be traced to, as the form offers it. */
    record Target(String value, String label) {
    }
}
