package org.yekuo.identity.web;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.yekuo.identity.CurrentUsers;
import org.yekuo.identity.WorkbenchPanel;
import org.yekuo.identity.internal.CompanySignIn;
import org.yekuo.identity.internal.SessionLimit;
import org.yekuo.shared.ClockConfiguration;
import org.yekuo.shared.Times;

@Controller
class WorkbenchController {

    private final ObjectProvider<WorkbenchPanel> panels;
    private final CurrentUsers users;
    private final ObjectProvider<CompanySignIn> companySignIn;
    private final SessionLimit sessions;

    WorkbenchController(ObjectProvider<WorkbenchPanel> panels, CurrentUsers users, ObjectProvider<CompanySignIn> companySignIn,
            SessionLimit sessions) {
        this.sessions = sessions;
        this.panels = panels;
        this.users = users;
        this.companySignIn = companySignIn;
    }

    private static final DateTimeFormatter SUPERSEDED_AT = Times.MINUTES.withZone(ClockConfiguration.UTILITY_ZONE);

    /** A panel's template with the model it shows to the reader. */
    record Shown(String template, Map<String, Object> model) {
    }

    @GetMapping("/")
    String workbench(Model model) {
        List<Shown> shown = users.find().map(user -> panels.orderedStream()
                .map(panel -> {
                    Map<String, Object> values = panel.model(user);
                    return values == null ? null : new Shown(panel.template(), values);
                })
                .filter(Objects::nonNull).toList()).orElse(List.of());
        model.addAttribute("panels", shown);
        return "workbench";
    }

    @GetMapping("/login")
    String login(@RequestParam(required = false) String error, @RequestParam(required = false) String company,
            @RequestParam(required = false) String throttled, @RequestParam(required = false) String superseded, Model model) {
        // One answer for a wrong password and for an unknown, disabled or locked account: it names no account.
        if (error != null) {
            model.addAttribute("loginError", "login.bad-credentials");
        }
        // Too many failures from this address: how many minutes to wait (the number only words the message).
        if (throttled != null) {
            model.addAttribute("throttledMinutes", throttled.matches("\\d{1,3}") ? Integer.parseInt(throttled) : 15);
        }
        // Signed out because the account signed in elsewhere beyond the limit: when (the number only words the message).
        if (superseded != null && superseded.matches("\\d{1,12}")) {
            model.addAttribute("supersededAt", SUPERSEDED_AT.format(Instant.ofEpochSecond(Long.parseLong(superseded))));
            model.addAttribute("maxSessions", sessions.maxSessions());
        }
        CompanySignIn sso = companySignIn.getIfAvailable();
        if (sso != null) {
            model.addAttribute("companySignIn", true);
            model.addAttribute("passwordsForEveryone", sso.passwordsForEveryone());
            if (company != null) {
                model.addAttribute("loginError", "login.company." + CompanySignIn.reason(company));
            }
        }
        return "login";
    }

    /** The "sign in with the company account" button: on to the provider, or back with a word when it cannot be reached. */
    @GetMapping("/login/company")
    String companySignIn() {
        CompanySignIn sso = companySignIn.getIfAvailable();
        if (sso == null) {
            return "redirect:/login";
        }
        return sso.available() ? "redirect:/oauth2/authorization/company" : "redirect:/login?company=unavailable";
    }
}
