package org.yekuo.identity.web;

import java.io.IOException;
import java.util.EnumMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.yekuo.identity.internal.FirstStartSetup;
import org.yekuo.identity.internal.FirstStartSetup.Account;
import org.yekuo.identity.internal.FirstStartSetup.Slot;
import org.yekuo.shared.DomainException;
import org.yekuo.shared.Refusals;

/**
 * The first-start setup page: public, since nobody can sign in yet, but only while the company has no system
 * administrator — afterwards it answers like a page that does not exist. The one-time token from the server's log
 * proves the visitor runs the server.
 */
@Controller
class SetupPages {

    private final FirstStartSetup setup;
    private final Refusals refusals;

    SetupPages(FirstStartSetup setup, Refusals refusals) {
        this.setup = setup;
        this.refusals = refusals;
    }

    @GetMapping("/setup")
    String form(Model model, HttpServletResponse response) throws IOException {
        if (!setup.open()) {
            response.sendError(HttpStatus.NOT_FOUND.value());
            return null;
        }
        model.addAttribute("form", Map.of());
        model.addAttribute("problems", Map.of());
        model.addAttribute("slots", Slot.values());
        return "setup/form";
    }

    @PostMapping("/setup")
    String complete(@RequestParam Map<String, String> form, Model model, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        if (!setup.open()) {
            response.sendError(HttpStatus.NOT_FOUND.value());
            return null;
        }
        Map<Slot, Account> accounts = new EnumMap<>(Slot.class);
        for (Slot slot : Slot.values()) {
            accounts.put(slot, new Account(form.get(slot + ".username"), form.get(slot + ".displayName"), form.get(slot + ".password")));
        }
        try {
            setup.complete(new FirstStartSetup.Request(form.get("token"), form.get("company.code"), form.get("company.nameZh"),
                    form.get("company.nameEn"), accounts), request.getRemoteAddr());
        } catch (DomainException e) {
            Refusals.Refusal refusal = refusals.explain(e, LocaleContextHolder.getLocale());
            model.addAttribute("problems", refusal.fields());
            model.addAttribute("error", refusal.message());
            // Passwords and the token are never sent back into the page.
            Map<String, String> kept = new java.util.HashMap<>(form);
            kept.keySet().removeIf(key -> key.endsWith(".password") || key.equals("token") || key.equals("_csrf"));
            model.addAttribute("form", kept);
            model.addAttribute("slots", Slot.values());
            response.setStatus(e.status().value());
            e.retryAfter().ifPresent(wait -> response.setHeader("Retry-After", Long.toString(wait.toSeconds())));
            return "setup/form";
        }
        model.addAttribute("admin", accounts.get(Slot.admin).username());
        return "setup/done";
    }
}
