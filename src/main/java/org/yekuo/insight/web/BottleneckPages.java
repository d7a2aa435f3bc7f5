package org.yekuo.insight.web;

import java.time.Clock;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.MessageSource;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.yekuo.catalogue.Catalogue;
import org.yekuo.identity.CurrentUsers;
import org.yekuo.identity.OrgUnit;
import org.yekuo.identity.OrgUnits;
import org.yekuo.insight.Bottlenecks;
import org.yekuo.shared.DomainException;
import org.yekuo.shared.Refusals;

import tools.jackson.databind.json.JsonMapper;

/**
 * The bottleneck page for leaders, department heads and administrators: the directly-follows graph of nodes over
 * a period (the last three months unless chosen), business type and station of their scope, drawn with ECharts,
 * the table of transitions, the five slowest in words, and the orders against their target.
 */
@Controller
class BottleneckPages {

    private final Bottlenecks bottlenecks;
    private final CurrentUsers users;
    private final Catalogue catalogue;
    private final OrgUnits orgUnits;
    private final Refusals refusals;
    private final MessageSource messages;
    private final JsonMapper json;
    private final Clock clock;

    BottleneckPages(Bottlenecks bottlenecks, CurrentUsers users, Catalogue catalogue, OrgUnits orgUnits, Refusals refusals,
            MessageSource messages, JsonMapper json, Clock clock) {
        this.bottlenecks = bottlenecks;
        this.users = users;
        this.catalogue = catalogue;
        this.orgUnits = orgUnits;
        this.refusals = refusals;
        this.messages = messages;
        this.json = json;
        this.clock = clock;
    }

    @GetMapping("/insight/bottlenecks")
    @PreAuthorize(EventLogExports.MANAGERS)
    String page(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestParam(required = false) String type, @RequestParam(required = false) String org, Locale locale, Model model,
            HttpServletResponse response) {
        YearMonth now = YearMonth.now(clock);
        String shownFrom = from == null ? now.minusMonths(2).toString() : from;
        String shownTo = to == null ? now.toString() : to;
        model.addAttribute("from", shownFrom);
        model.addAttribute("to", shownTo);
        model.addAttribute("type", type);
        model.addAttribute("org", org);
        model.addAttribute("types", catalogue.types());
        model.addAttribute("units", orgUnits.within(users.require().scope()).stream()
                .filter(u -> u.kind() == OrgUnit.Kind.STATION || u.kind() == OrgUnit.Kind.COMPANY).toList());
        try {
            Bottlenecks.View view = bottlenecks.view(users.require(), new Bottlenecks.Query(Bottlenecks.month("from", shownFrom),
                    Bottlenecks.month("to", shownTo), type, org), locale);
            model.addAttribute("view", view);
            model.addAttribute("graph", graph(view, locale));
        } catch (DomainException e) {
            response.setStatus(e.status().value());
            model.addAttribute("refusal", refusals.explain(e, locale));
        }
        return "insight/bottlenecks";
    }

    /** The graph's nodes and edges as JSON for the chart script (the page allows no inline script). */
    private String graph(Bottlenecks.View view, Locale locale) {
        Set<String> codes = new LinkedHashSet<>();
        for (Bottlenecks.Transition t : view.transitions()) {
            codes.add(t.fromNode());
            codes.add(t.toNode());
        }
        List<String> ordered = new ArrayList<>(codes);
        ordered.sort((a, b) -> Integer.compare(rank(a), rank(b)));
        List<Map<String, Object>> nodes = new ArrayList<>();
        for (int i = 0; i < ordered.size(); i++) {
            nodes.add(Map.of("id", ordered.get(i), "name", name(ordered.get(i), locale), "x", i * 120, "y", (i % 2) * 80));
        }
        List<Map<String, Object>> links = new ArrayList<>();
        for (Bottlenecks.Transition t : view.transitions()) {
            Map<String, Object> link = new LinkedHashMap<>();
            link.put("source", t.fromNode());
            link.put("target", t.toNode());
            link.put("colour", t.colour().name());
            link.put("label", messages.getMessage("insight.bottleneck.edge-label", new Object[] {days(t.totalMedian()), days(t.totalP90())}, locale));
            link.put("tip", messages.getMessage("insight.bottleneck.edge-tip", new Object[] {name(t.fromNode(), locale), name(t.toNode(), locale),
                    String.valueOf(t.cases()), days(t.waitingMedian()), days(t.workingMedian()), days(t.totalMedian()), days(t.totalP90()),
                    String.valueOf(t.latePercent())}, locale));
            link.put("cases", t.cases());
            links.add(link);
        }
        return json.writeValueAsString(Map.of("nodes", nodes, "links", links));
    }

    private String name(String code, Locale locale) {
        if ("START".equals(code)) {
            return messages.getMessage("insight.bottleneck.start", null, locale);
        }
        return messages.getMessage("catalogue.node." + code, null, code, locale);
    }

    private static int rank(String code) {
        if ("START".equals(code)) {
            return -1;
        }
        try {
            return org.yekuo.catalogue.KeyNode.valueOf(code).ordinal();
        } catch (IllegalArgumentException e) {
            return 99;
        }
    }

    private static String days(double days) {
        return String.format(Locale.ROOT, "%.1f", days);
    }
}
