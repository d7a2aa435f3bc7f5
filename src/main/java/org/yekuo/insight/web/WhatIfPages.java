package org.yekuo.insight.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.MessageSource;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.yekuo.catalogue.KeyNode;
import org.yekuo.identity.CurrentUsers;
import org.yekuo.identity.OrgUnit;
import org.yekuo.identity.OrgUnits;
import org.yekuo.identity.Role;
import org.yekuo.insight.WhatIfs;
import org.yekuo.shared.DomainException;
import org.yekuo.shared.Refusals;

import tools.jackson.databind.json.JsonMapper;

/**
 * The what-if page for leaders, department heads and administrators: a form of changes (one node's limit, staff of up
 * to two roles at a station, the dedicated-line share of HV orders) and, once run, the months ahead as they are and
 * with the change, per node and per role, with how well the model reproduced last month.
 */
@Controller
class WhatIfPages {

    /** The roles that sign for nodes, the ones whose staffing a leader may change. */
    static final List<Role> WORKING_ROLES = List.of(Role.CLERK, Role.SURVEYOR, Role.DESIGNER, Role.REVIEWER_OPERATIONS,
            Role.REVIEWER_MARKETING, Role.REVIEWER_DISPATCH, Role.MATERIALS_CLERK, Role.INSPECTOR);

    private final WhatIfs whatIfs;
    private final CurrentUsers users;
    private final OrgUnits orgUnits;
    private final Refusals refusals;
    private final MessageSource messages;
    private final JsonMapper json;

    WhatIfPages(WhatIfs whatIfs, CurrentUsers users, OrgUnits orgUnits, Refusals refusals, MessageSource messages, JsonMapper json) {
        this.whatIfs = whatIfs;
        this.users = users;
        this.orgUnits = orgUnits;
        this.refusals = refusals;
        this.messages = messages;
        this.json = json;
    }

    @GetMapping("/insight/what-if")
    @PreAuthorize(EventLogExports.MANAGERS)
    String page(@RequestParam(required = false) String org, @RequestParam(defaultValue = "3") String months,
            @RequestParam(required = false) String limitNode, @RequestParam(required = false) String limitDays,
            @RequestParam(required = false) List<String> staffRole, @RequestParam(required = false) List<String> staffCount,
            @RequestParam(required = false) String dedicatedShare, @RequestParam(required = false) String run, Locale locale, Model model,
            HttpServletResponse response) {
        model.addAttribute("org", org);
        model.addAttribute("months", months);
        model.addAttribute("limitNode", limitNode);
        model.addAttribute("limitDays", limitDays);
        List<String> roles = staffRole == null ? new ArrayList<>() : new ArrayList<>(staffRole);
        List<String> counts = staffCount == null ? new ArrayList<>() : new ArrayList<>(staffCount);
        while (roles.size() < 2) {
            roles.add("");
        }
        while (counts.size() < roles.size()) {
            counts.add("");
        }
        model.addAttribute("staffRoles", roles);
        model.addAttribute("staffCounts", counts);
        model.addAttribute("dedicatedShare", dedicatedShare);
        model.addAttribute("units", orgUnits.within(users.require().scope()).stream()
                .filter(u -> u.kind() == OrgUnit.Kind.STATION || u.kind() == OrgUnit.Kind.COMPANY).toList());
        model.addAttribute("nodes", KeyNode.values());
        model.addAttribute("roles", WORKING_ROLES);
        if (run == null) {
            return "insight/what-if";
        }
        try {
            Map<String, Integer> limits = new LinkedHashMap<>();
            if (limitNode != null && !limitNode.isBlank()) {
                limits.putAll(WhatIfs.pairs("limit", List.of(limitNode + ":" + blankAsMissing(limitDays))));
            }
            Map<String, Integer> staff = new LinkedHashMap<>();
            for (int i = 0; i < roles.size(); i++) {
                if (!roles.get(i).isBlank()) {
                    staff.putAll(WhatIfs.pairs("staff", List.of(roles.get(i) + ":" + blankAsMissing(counts.get(i)))));
                }
            }
            WhatIfs.Result result = whatIfs.simulate(users.require(), new WhatIfs.Scenario(org, number("months", months), limits, staff,
                    dedicatedShare == null || dedicatedShare.isBlank() ? null : number("dedicatedShare", dedicatedShare)));
            model.addAttribute("result", result);
            model.addAttribute("chart", chart(result, locale));
        } catch (DomainException e) {
            response.setStatus(e.status().value());
            model.addAttribute("refusal", refusals.explain(e, locale));
        }
        return "insight/what-if";
    }

    private static String blankAsMissing(String value) {
        return value == null || value.isBlank() ? "?" : value.trim();
    }

    private static int number(String field, String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw DomainException.invalid(field, "insight.whatif.number-invalid", value.trim());
        }
    }

    /** The months' on-time rates as JSON for the chart script (the page allows no inline script). */
    private String chart(WhatIfs.Result result, Locale locale) {
        Map<String, Object> chart = new LinkedHashMap<>();
        chart.put("labels", result.months().stream().map(WhatIfs.MonthForecast::month).toList());
        chart.put("asIs", Map.of("name", messages.getMessage("insight.whatif.as-is", null, locale),
                "values", result.months().stream().map(WhatIfs.MonthForecast::onTimeAsIsPercent).toList()));
        chart.put("withChange", Map.of("name", messages.getMessage("insight.whatif.with-change", null, locale),
                "values", result.months().stream().map(WhatIfs.MonthForecast::onTimeWithChangePercent).toList()));
        return json.writeValueAsString(chart);
    }
}
