package org.yekuo.deadline.web;

import java.time.LocalDate;
import java.util.Locale;
import java.util.Optional;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.yekuo.catalogue.KeyNode;
import org.yekuo.deadline.Colour;
import org.yekuo.deadline.DeadlineBoard;
import org.yekuo.deadline.DelayExplanation;
import org.yekuo.deadline.DelayExplanations;
import org.yekuo.identity.AccessRules;
import org.yekuo.identity.CurrentUsers;
import org.yekuo.identity.Role;
import org.yekuo.shared.DomainException;
import org.yekuo.shared.OnRefusal;
import org.yekuo.shared.Refusals;

/** The deadline board, the handler's delay explanation and the leader's decisions on them. */
@Controller
class DeadlinePages {

    private static final int PAGE_SIZE = 20;
    private static final Role[] DEPARTMENTS = {Role.CLERK, Role.SURVEYOR, Role.DESIGNER, Role.REVIEWER_OPERATIONS,
            Role.REVIEWER_MARKETING, Role.REVIEWER_DISPATCH, Role.MATERIALS_CLERK, Role.INSPECTOR};

    private final DeadlineBoard board;
    private final DelayExplanations explanations;
    private final CurrentUsers users;
    private final Refusals refusals;

    DeadlinePages(DeadlineBoard board, DelayExplanations explanations, CurrentUsers users, Refusals refusals) {
        this.board = board;
        this.explanations = explanations;
        this.users = users;
        this.refusals = refusals;
    }

    @GetMapping("/deadlines/board")
    @PreAuthorize(AccessRules.ORDER_READERS)
    String board(@RequestParam Optional<Colour> colour, @RequestParam Optional<String> node, @RequestParam Optional<String> role,
            @RequestParam Optional<String> handler, @RequestParam Optional<String> orderNo,
            @RequestParam(defaultValue = "0") int page, Model model) {
        var filter = new DeadlineBoard.Filter(colour.orElse(null), node.orElse(null), role.orElse(null), handler.orElse(null),
                orderNo.orElse(null));
        model.addAttribute("result", board.search(users.require(), filter, Math.max(page, 0), PAGE_SIZE));
        model.addAttribute("filter", filter);
        model.addAttribute("colours", Colour.values());
        model.addAttribute("nodes", KeyNode.values());
        model.addAttribute("departments", DEPARTMENTS);
        return "deadline/board";
    }

    @PostMapping("/deadlines/{deadlineId}/explanations")
    String file(@PathVariable long deadlineId, @RequestParam Optional<Long> orderId, @RequestParam(required = false) String category,
            @RequestParam(required = false) String explanation, Locale locale, RedirectAttributes redirect) {
        try {
            DelayExplanation filed = explanations.file(deadlineId, category, explanation, users.require());
            redirect.addFlashAttribute("notice", "deadline.explanation.filed");
            return "redirect:/orders/" + filed.orderId() + "#deadlines";
        } catch (DomainException e) {
            redirect.addFlashAttribute("refusal", refusals.explain(e, locale));
            return orderId.map(id -> "redirect:/orders/" + id + "#deadlines").orElse("redirect:/deadlines/board");
        }
    }

    @GetMapping("/deadlines/explanations")
    @PreAuthorize("hasRole('LEADER')")
    String pending(Model model) {
        model.addAttribute("pending", explanations.pending(users.require()));
        return "deadline/explanations";
    }

    @PostMapping("/deadlines/explanations/{id}/approve")
    @PreAuthorize("hasRole('LEADER')")
    @OnRefusal(redirect = "/deadlines/explanations")
    String approve(@PathVariable long id, @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate newDueDate,
            @RequestParam(required = false) String note, RedirectAttributes redirect) {
        explanations.approve(id, newDueDate, note, users.require());
        redirect.addFlashAttribute("notice", "deadline.approval.approved");
        return "redirect:/deadlines/explanations";
    }

    @PostMapping("/deadlines/explanations/{id}/reject")
    @PreAuthorize("hasRole('LEADER')")
    @OnRefusal(redirect = "/deadlines/explanations")
    String reject(@PathVariable long id, @RequestParam(required = false) String note, RedirectAttributes redirect) {
        explanations.reject(id, note, users.require());
        redirect.addFlashAttribute("notice", "deadline.approval.rejected");
        return "redirect:/deadlines/explanations";
    }
}
