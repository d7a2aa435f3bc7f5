package org.yekuo.insight.web;

import java.util.Locale;
import java.util.Optional;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.yekuo.catalogue.KeyNode;
import org.yekuo.identity.AccessRules;
import org.yekuo.identity.CurrentUsers;
import org.yekuo.insight.RiskBoard;
import org.yekuo.shared.DomainException;
import org.yekuo.shared.Refusals;

/** The risk board: open nodes of the reader's scope, riskiest first, each with its reason in words. */
@Controller
class RiskPages {

    private static final int PAGE_SIZE = 20;

    private final RiskBoard board;
    private final CurrentUsers users;
    private final Refusals refusals;

    RiskPages(RiskBoard board, CurrentUsers users, Refusals refusals) {
        this.board = board;
        this.users = users;
        this.refusals = refusals;
    }

    @GetMapping("/insight/risk")
    @PreAuthorize(AccessRules.ORDER_READERS)
    String board(@RequestParam Optional<String> minRisk, @RequestParam Optional<String> node, @RequestParam Optional<String> orderNo,
            @RequestParam Optional<RiskBoard.Sort> sort, @RequestParam(defaultValue = "0") int page, Locale locale, Model model) {
        RiskBoard.Filter filter = new RiskBoard.Filter(null, node.orElse(null), orderNo.orElse(null), sort.orElse(RiskBoard.Sort.RISK));
        try {
            Integer min = minRisk.filter(m -> !m.isBlank()).map(m -> parse(m.trim())).orElse(null);
            filter = new RiskBoard.Filter(min, filter.nodeCode(), filter.orderNo(), filter.sort());
            model.addAttribute("result", board.search(users.require(), filter, Math.max(page, 0), PAGE_SIZE));
        } catch (DomainException e) {
            model.addAttribute("refusal", refusals.explain(e, locale));
            model.addAttribute("result", board.search(users.require(), RiskBoard.Filter.none(), 0, PAGE_SIZE));
        }
        model.addAttribute("filter", filter);
        model.addAttribute("minRisk", minRisk.orElse(""));
        model.addAttribute("nodes", KeyNode.values());
        model.addAttribute("sorts", RiskBoard.Sort.values());
        return "insight/risk";
    }

    private static int parse(String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw DomainException.invalid("minRisk", "insight.board.min-risk-invalid", value);
        }
    }
}
