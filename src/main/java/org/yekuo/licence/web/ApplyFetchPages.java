package org.yekuo.licence.web;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.yekuo.intake.ApplicantKind;
import org.yekuo.intake.OnlineProof;
import org.yekuo.intake.ResidentIdNumber;
import org.yekuo.intake.UnifiedSocialCreditCode;
import org.yekuo.licence.CounterFetches;
import org.yekuo.licence.CounterFetches.CounterForm;
import org.yekuo.licence.CounterFetches.CounterLicence;
import org.yekuo.licence.LicenceKind;
import org.yekuo.shared.DomainException;
import org.yekuo.shared.Refusals;

/**
 * The e-licence panel of the online application form (R-LIC-1, R-LIC-2): once the applicant has typed a credit code or
 * ID number whose check character holds, it offers to fetch their licences with their consent, an SMS code to the phone
 * they proved; what comes fills the form. Its buttons submit the whole form here and every step hands it back as typed
 * (a flash "applicationForm"), as the photo panel does. Only for the phone proven in this session and not yet spent;
 * the phone is always the proven one, never one posted. Asking creates no session.
 */
@Controller
@RequestMapping("/apply/licences")
class ApplyFetchPages {

    /** What the form sends that is this panel's own, not the application's. */
    private static final List<String> OWN = List.of("_csrf", "consentCode", "licenceKind", "file");

    private final CounterFetches fetches;
    private final Refusals refusals;
    private final Clock clock;

    ApplyFetchPages(CounterFetches fetches, Refusals refusals, Clock clock) {
        this.fetches = fetches;
        this.refusals = refusals;
        this.clock = clock;
    }

    /**
     * The panel as the form stands; the form reloads it whenever the applicant kind or the certificate number changes, so
     * the offer appears once the number's check character holds and says which field is wrong while it does not.
     */
    @GetMapping("/{formKey}/panel")
    String panel(@PathVariable String formKey, @RequestParam(required = false) String applicantKind,
            @RequestParam(required = false) String subjectCode, HttpServletRequest request, Model model, Locale locale) {
        Optional<OnlineProof> proof = OnlineProof.unspent(request, clock);
        if (proof.isEmpty()) {
            return "licence/apply-fetch :: none";
        }
        CounterFetches.FormState state = fetches.stateOnline(formKey, proof.get().phone());
        ApplicantKind kind = "ORGANISATION".equals(applicantKind) ? ApplicantKind.ORGANISATION : ApplicantKind.PERSON;
        String code = subjectCode == null ? "" : subjectCode.strip();
        model.addAttribute("formKey", formKey);
        model.addAttribute("state", state);
        model.addAttribute("organisation", kind == ApplicantKind.ORGANISATION);
        model.addAttribute("kinds", CounterFetches.kindsFor(state.awaitingCode() ? state.applicantKind() : kind));
        model.addAttribute("codeTyped", !code.isEmpty());
        try {
            if (!code.isEmpty()) {
                if (kind == ApplicantKind.ORGANISATION) {
                    UnifiedSocialCreditCode.parse("subjectCode", code);
                } else {
                    ResidentIdNumber.parse("subjectCode", code);
                }
            }
            model.addAttribute("codeValid", !code.isEmpty());
        } catch (DomainException e) {
            model.addAttribute("codeValid", false);
            model.addAttribute("codeProblem", refusals.explain(e, locale).fields().get("subjectCode"));
        }
        return "licence/apply-fetch :: panel";
    }

    @PostMapping("/consent")
    String askConsent(@RequestParam Map<String, String> form, HttpServletRequest request, Locale locale, RedirectAttributes redirect) {
        Optional<OnlineProof> proof = OnlineProof.unspent(request, clock);
        if (proof.isEmpty()) {
            return "redirect:/apply";
        }
        try {
            fetches.askConsentOnline(onlineForm(form, proof.get()), request.getRemoteAddr());
            redirect.addFlashAttribute("notice", "licence.apply-fetch.sent");
        } catch (DomainException e) {
            redirect.addFlashAttribute("licenceRefusal", refusals.explain(e, locale));
        }
        redirect.addFlashAttribute("applicationForm", typed(form));
        return "redirect:/apply/form#apply-licences";
    }

    @PostMapping("/fetch")
    String fetch(@RequestParam Map<String, String> form, HttpServletRequest request, Locale locale, RedirectAttributes redirect) {
        Optional<OnlineProof> proof = OnlineProof.unspent(request, clock);
        if (proof.isEmpty()) {
            return "redirect:/apply";
        }
        Map<String, String> typed = typed(form);
        try {
            CounterLicence licence = fetches.fetchOnline(onlineForm(form, proof.get()), kind(form.get("licenceKind")),
                    form.get("consentCode"));
            if (licence.formName() != null && !licence.formName().isBlank()) {
                typed.put("applicantName", licence.formName());
            }
            if (licence.formAddress() != null && !licence.formAddress().isBlank()) {
                typed.put("supplyAddress", licence.formAddress());
            }
            redirect.addFlashAttribute("notice", "licence.apply-fetch.fetched");
        } catch (DomainException e) {
            redirect.addFlashAttribute("licenceRefusal", refusals.explain(e, locale));
        }
        redirect.addFlashAttribute("applicationForm", typed);
        return "redirect:/apply/form#apply-licences";
    }

    private static Map<String, String> typed(Map<String, String> form) {
        Map<String, String> typed = new LinkedHashMap<>(form);
        OWN.forEach(typed::remove);
        return typed;
    }

    /** The form as posted, with the phone the session proved: a consent code goes nowhere else. */
    private static CounterForm onlineForm(Map<String, String> form, OnlineProof proof) {
        ApplicantKind kind;
        try {
            kind = ApplicantKind.valueOf(form.getOrDefault("applicantKind", ""));
        } catch (IllegalArgumentException e) {
            throw DomainException.invalid("applicantKind", "intake.field.applicant-kind");
        }
        return new CounterForm(form.get("idempotencyKey"), kind, form.get("subjectCode"), proof.phone());
    }

    private static LicenceKind kind(String value) {
        try {
            return value == null ? null : LicenceKind.valueOf(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
