package org.yekuo.licence.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

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
import org.yekuo.identity.CurrentUsers;
import org.yekuo.intake.ApplicantKind;
import org.yekuo.licence.CounterFetches;
import org.yekuo.licence.CounterFetches.CounterForm;
import org.yekuo.licence.CounterFetches.CounterLicence;
import org.yekuo.licence.LicenceKind;
import org.yekuo.shared.DomainException;
import org.yekuo.shared.Refusals;

/**
 * The e-licence panel of the counter's new-order form (R-LIC-1, R-LIC-2): its buttons submit the whole form here, so
 * that what the clerk typed comes back as it was, with the fetched name and address filled in. For counter clerks.
 */
@Controller
@RequestMapping("/licences/counter")
@PreAuthorize("hasRole('CLERK')")
class CounterFetchPages {

    /** What the form sends that is this panel's own, not the order's. */
    private static final List<String> OWN = List.of("_csrf", "consentCode", "licenceKind");

    private final CounterFetches fetches;
    private final CurrentUsers users;
    private final Refusals refusals;
    private final MessageSource messages;

    CounterFetchPages(CounterFetches fetches, CurrentUsers users, Refusals refusals, MessageSource messages) {
        this.fetches = fetches;
        this.users = users;
        this.refusals = refusals;
        this.messages = messages;
    }

    /** The panel as the form stands: the consent waiting for its code, the licences fetched for it. */
    @GetMapping("/{formKey}/panel")
    String panel(@PathVariable String formKey, Model model) {
        CounterFetches.FormState state = fetches.state(formKey, users.require());
        model.addAttribute("state", state);
        model.addAttribute("kinds", state.applicantKind() == null ? List.of() : CounterFetches.kindsFor(state.applicantKind()));
        return "licence/counter :: panel";
    }

    @PostMapping("/consent")
    String askConsent(@RequestParam Map<String, String> form, HttpServletRequest request, Locale locale, RedirectAttributes redirect) {
        Map<String, String> typed = typed(form);
        try {
            var issued = fetches.askConsent(counterForm(form), users.require(), request.getRemoteAddr());
            redirect.addFlashAttribute("licenceNotice", messages.getMessage("licence.counter.sent", new Object[] {issued.phoneMasked()}, locale));
        } catch (DomainException e) {
            redirect.addFlashAttribute("refusal", refusals.explain(e, locale));
        }
        redirect.addFlashAttribute("applicationForm", typed);
        return "redirect:/orders/new#counter-licence";
    }

    @PostMapping("/fetch")
    String fetch(@RequestParam Map<String, String> form, Locale locale, RedirectAttributes redirect) {
        Map<String, String> typed = typed(form);
        try {
            CounterLicence licence = fetches.fetch(counterForm(form), kind(form.get("licenceKind")), form.get("consentCode"), users.require());
            if (licence.formName() != null && !licence.formName().isBlank()) {
                typed.put("applicantName", licence.formName());
            }
            if (licence.formAddress() != null && !licence.formAddress().isBlank()) {
                typed.put("supplyAddress", licence.formAddress());
            }
            redirect.addFlashAttribute("licenceNotice", messages.getMessage("licence.counter.fetched",
                    new Object[] {messages.getMessage(licence.kind().messageKey(), null, locale)}, locale));
        } catch (DomainException e) {
            redirect.addFlashAttribute("refusal", refusals.explain(e, locale));
        }
        redirect.addFlashAttribute("applicationForm", typed);
        return "redirect:/orders/new#counter-licence";
    }

    private static Map<String, String> typed(Map<String, String> form) {
        Map<String, String> typed = new LinkedHashMap<>(form);
        OWN.forEach(typed::remove);
        return typed;
    }

    private static CounterForm counterForm(Map<String, String> form) {
        ApplicantKind kind;
        try {
            kind = ApplicantKind.valueOf(form.getOrDefault("applicantKind", ""));
        } catch (IllegalArgumentException e) {
            throw DomainException.invalid("applicantKind", "intake.field.applicant-kind");
        }
        return new CounterForm(form.get("idempotencyKey"), kind, form.get("subjectCode"), form.get("phone"));
    }

    private static LicenceKind kind(String value) {
        try {
            return value == null ? null : LicenceKind.valueOf(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
