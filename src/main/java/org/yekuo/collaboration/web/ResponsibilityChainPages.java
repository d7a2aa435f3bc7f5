package org.yekuo.collaboration.web;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.springframework.context.MessageSource;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.yekuo.collaboration.QualityProblems;
import org.yekuo.collaboration.ResponsibilityChain;
import org.yekuo.collaboration.ResponsibilityChains;
import org.yekuo.identity.AccessRules;
import org.yekuo.identity.CurrentUser;
import org.yekuo.identity.CurrentUsers;
import org.yekuo.identity.Role;
import org.yekuo.shared.DomainException;
import org.yekuo.shared.OnRefusal;
import org.yekuo.shared.Refusals;
import org.yekuo.shared.Times;

import tools.jackson.databind.json.JsonMapper;

/**
 * The responsibility chain on the order page (R-COL-6): a graph of who did what at each node (ECharts, drawn by
 * {@code responsibility-chain.js}) beside the same steps as a list, which phones and screen readers read; a
 * department head or the leader in charge issues it as a signed PDF of the order's archive.
 */
@Controller
@RequestMapping("/responsibility-chains")
class ResponsibilityChainPages {

    /** Who may issue the chain as a signed record: those who answer for the work of the departments and stations. */
    static final String ISSUERS = "hasAnyRole('DEPARTMENT_HEAD', 'LEADER')";
    private static final int COLUMN_WIDTH = 150;
    private static final int ROW_HEIGHT = 70;

    private final ResponsibilityChains chains;
    private final QualityProblems problems;
    private final CurrentUsers users;
    private final Refusals refusals;
    private final MessageSource messages;
    private final JsonMapper json;
    private final Clock clock;

    ResponsibilityChainPages(ResponsibilityChains chains, QualityProblems problems, CurrentUsers users, Refusals refusals, MessageSource messages, JsonMapper json,
            Clock clock) {
        this.chains = chains;
        this.problems = problems;
        this.users = users;
        this.refusals = refusals;
        this.messages = messages;
        this.json = json;
        this.clock = clock;
    }

    /** The chain as a panel of the order page; before completion it says when it will be there. */
    @GetMapping("/orders/{orderId}/panel")
    @PreAuthorize(AccessRules.ORDER_READERS)
    @OnRefusal(view = "collaboration/refused")
    String panel(@PathVariable long orderId, Model model, Locale locale) {
        CurrentUser user = users.require();
        Optional<ResponsibilityChain> chain = chains.of(orderId, user);
        model.addAttribute("orderId", orderId);
        model.addAttribute("chain", chain.orElse(null));
        chain.ifPresent(c -> {
            List<Line> lines = lines(c, locale);
            model.addAttribute("lines", lines);
            model.addAttribute("graph", graph(lines));
            model.addAttribute("problems", problems.ofOrder(orderId, user));
        });
        model.addAttribute("mayIssue", user.hasAny(Role.DEPARTMENT_HEAD, Role.LEADER));
        return "collaboration/chain :: panel";
    }

    /** Issues the chain as a signed PDF (once) and shows it in the archive's viewer. */
    @PostMapping("/orders/{orderId}/record")
    @PreAuthorize(ISSUERS)
    String issue(@PathVariable long orderId, Locale locale, RedirectAttributes redirect) {
        try {
            return "redirect:/documents/" + chains.issueRecord(orderId, users.require());
        } catch (DomainException e) {
            redirect.addFlashAttribute("refusal", refusals.explain(e, locale));
            return "redirect:/orders/" + orderId;
        }
    }

    /** One step as the page and the graph show it: the node, what was done, who, when, and its kind for the colour. */
    record Line(int seq, String node, String what, String person, String at, String kind, String kindName) {
    }

    private List<Line> lines(ResponsibilityChain chain, Locale locale) {
        return chain.links().stream().map(l -> new Line(l.seq(), messages.getMessage("catalogue.node." + l.nodeCode(), null, l.nodeCode(), locale),
                chains.describe(l, locale), l.actorName(), Times.MINUTES.format(l.occurredAt().atZone(clock.getZone())), l.step().kind().name(),
                messages.getMessage(l.step().kind().messageKey(), null, locale))).toList();
    }

    /**
     * The graph as JSON for the chart script (the page allows no inline script): a column per node in the order the
     * order reached them, the steps at a node one under the other, each step linked to the next in time.
     */
    private String graph(List<Line> lines) {
        Map<String, Integer> columns = new LinkedHashMap<>();
        Map<String, Integer> rows = new LinkedHashMap<>();
        List<Map<String, Object>> nodes = new ArrayList<>();
        List<Map<String, Object>> links = new ArrayList<>();
        for (Line line : lines) {
            int column = columns.computeIfAbsent(line.node(), n -> columns.size());
            int row = rows.merge(line.node(), 1, Integer::sum) - 1;
            Map<String, Object> node = new LinkedHashMap<>();
            node.put("id", String.valueOf(line.seq()));
            node.put("name", line.what() + "\n" + line.person());
            node.put("tip", line.at() + " " + line.node() + " · " + line.what() + " · " + line.person());
            node.put("kind", line.kind());
            node.put("kindName", line.kindName());
            node.put("x", column * COLUMN_WIDTH);
            node.put("y", row * ROW_HEIGHT);
            nodes.add(node);
            if (line.seq() > 1) {
                links.add(Map.of("source", String.valueOf(line.seq() - 1), "target", String.valueOf(line.seq())));
            }
        }
        List<Map<String, Object>> headers = new ArrayList<>();
        columns.forEach((name, column) -> headers.add(Map.of("name", name, "x", column * COLUMN_WIDTH)));
        return json.writeValueAsString(Map.of("nodes", nodes, "links", links, "columns", headers));
    }
}
