package org.yekuo.collaboration.web;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.yekuo.collaboration.Duty;
import org.yekuo.collaboration.ResponsibilityChart;
import org.yekuo.collaboration.Stage;
import org.yekuo.identity.AccessRules;
import org.yekuo.identity.CurrentUsers;
import org.yekuo.identity.Role;
import org.yekuo.shared.DomainException;
import org.yekuo.shared.OnRefusal;
import org.yekuo.shared.Refusals;

/**
 * The responsibility chart (R-COL-4): every member of staff reads the chart in force and its history; an
 * order's page shows the version it was accepted under; administrators publish a new version. The form names
 * each cell {@code STAGE.ROLE} with a duty letter or nothing.
 */
@Controller
@RequestMapping("/responsibilities")
class ResponsibilityPages {

    private final ResponsibilityChart chart;
    private final CurrentUsers users;
    private final Refusals refusals;

    ResponsibilityPages(ResponsibilityChart chart, CurrentUsers users, Refusals refusals) {
        this.chart = chart;
        this.users = users;
        this.refusals = refusals;
    }

    @GetMapping
    String chart(Model model) {
        model.addAttribute("chart", chart.current());
        model.addAttribute("history", chart.history());
        model.addAttribute("mayPublish", users.require().has(Role.ADMIN));
        addVocabulary(model);
        return "collaboration/responsibilities";
    }

    /** The chart the order was accepted under, as a panel of the order page. */
    @GetMapping("/orders/{orderId}/panel")
    @PreAuthorize(AccessRules.ORDER_READERS)
    @OnRefusal(view = "collaboration/refused")
    String orderPanel(@PathVariable long orderId, Model model) {
        model.addAttribute("chart", chart.ofOrder(orderId, users.require()));
        addVocabulary(model);
        return "collaboration/fragments :: chart-panel";
    }

    @GetMapping("/edit")
    @PreAuthorize("hasRole('ADMIN')")
    String edit(Model model) {
        if (!model.containsAttribute("entered")) {
            Map<String, String> entered = new java.util.HashMap<>();
            chart.current().duties().forEach((stage, row) -> row.forEach((role, duty) -> entered.put(stage.name() + "." + role.name(),
                    duty.name())));
            model.addAttribute("entered", entered);
        }
        model.addAttribute("chart", chart.current());
        addVocabulary(model);
        return "collaboration/responsibilities-edit";
    }

    @PostMapping
    @PreAuthorize("hasRole('ADMIN')")
    String publish(@RequestParam Map<String, String> form, Locale locale, RedirectAttributes redirect) {
        Map<Stage, Map<Role, Duty>> duties = new EnumMap<>(Stage.class);
        for (Stage stage : Stage.values()) {
            for (Role role : ResponsibilityChart.ROLES) {
                String letter = form.getOrDefault(stage.name() + "." + role.name(), "");
                for (Duty duty : Duty.values()) {
                    if (duty.name().equals(letter)) {
                        duties.computeIfAbsent(stage, s -> new EnumMap<>(Role.class)).put(role, duty);
                    }
                }
            }
        }
        try {
            ResponsibilityChart.Version published = chart.publish(duties, form.get("note"), users.require());
            redirect.addFlashAttribute("notice", "collaboration.chart.published-notice");
            redirect.addFlashAttribute("publishedVersion", published.version());
            return "redirect:/responsibilities";
        } catch (DomainException e) {
            redirect.addFlashAttribute("refusal", refusals.explain(e, locale));
            redirect.addFlashAttribute("entered", form);
            return "redirect:/responsibilities/edit";
        }
    }

    private static void addVocabulary(Model model) {
        model.addAttribute("stages", Stage.values());
        model.addAttribute("duties", Duty.values());
        model.addAttribute("roles", ResponsibilityChart.ROLES);
    }
}
