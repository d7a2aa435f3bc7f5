package org.yekuo.identity.web;

import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.yekuo.identity.CurrentUsers;
import org.yekuo.identity.internal.PasswordChanges;
import org.yekuo.shared.DomainException;
import org.yekuo.shared.Refusals;

/**
 * A member of staff's own password: changed at will, and required after an administrator set it or once it expired —
 * until then every other page leads here.
 */
@Controller
@RequestMapping("/account/password")
class AccountPages {

    private final CurrentUsers users;
    private final PasswordChanges passwords;
    private final Refusals refusals;
    private final SecurityContextRepository contexts = new HttpSessionSecurityContextRepository();

    AccountPages(CurrentUsers users, PasswordChanges passwords, Refusals refusals) {
        this.users = users;
        this.passwords = passwords;
        this.refusals = refusals;
    }

    @GetMapping
    String form(Model model) {
        model.addAttribute("required", PasswordChanges.mustChange(SecurityContextHolder.getContext().getAuthentication()));
        model.addAttribute("problems", Map.of());
        return "account/password";
    }

    @PostMapping
    String change(@RequestParam(required = false) String currentPassword, @RequestParam(required = false) String password,
            @RequestParam(required = false) String confirmation, HttpServletRequest request, HttpServletResponse response,
            Model model, RedirectAttributes flash) {
        try {
            passwords.change(users.require(), currentPassword, password, confirmation);
        } catch (DomainException e) {
            Refusals.Refusal refusal = refusals.explain(e, LocaleContextHolder.getLocale());
            response.setStatus(e.status().value());
            model.addAttribute("required", PasswordChanges.mustChange(SecurityContextHolder.getContext().getAuthentication()));
            model.addAttribute("problems", refusal.fields());
            model.addAttribute("error", refusal.message());
            return "account/password";
        }
        // The session now carries the sign-in with the new password, under a new id.
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(passwords.refreshed(SecurityContextHolder.getContext().getAuthentication()));
        SecurityContextHolder.setContext(context);
        request.changeSessionId();
        contexts.saveContext(context, request, response);
        flash.addFlashAttribute("notice", "account.password.changed");
        return "redirect:/account/password";
    }
}
