package org.yekuo.licence.web;

import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.yekuo.intake.OrderProgress;
import org.yekuo.licence.ApplicantReadings;
import org.yekuo.licence.LicenceFieldsInput;
import org.yekuo.licence.LicenceKind;
import org.yekuo.licence.LicenceRetrievals;
import org.yekuo.shared.DomainException;
import org.yekuo.shared.OnRefusal;
import org.yekuo.shared.Refusals;

/**
 * The applicant's e-licences on their phone, behind the progress link (R-LIC-1, R-LIC-2): consent with a code sent to
 * the phone on the application, fetch, check the fields, and see every retrieval of the order, staff's included.
 */
@Controller
@RequestMapping("/s/{token}/licences")
class ApplicantLicencePages {

    private final LicenceRetrievals retrievals;
    private final ApplicantReadings readings;
    private final OrderProgress progress;
    private final Refusals refusals;

    ApplicantLicencePages(LicenceRetrievals retrievals, ApplicantReadings readings, OrderProgress progress, Refusals refusals) {
        this.retrievals = retrievals;
        this.readings = readings;
        this.progress = progress;
        this.refusals = refusals;
    }

    @GetMapping
    String page(@PathVariable String token, Model model, HttpServletResponse response) {
        return view(token, model, response, "licence/progress");
    }

    /** The progress page's panel: the order's licences and the way to fetch them. */
    @GetMapping("/panel")
    String panel(@PathVariable String token, Model model, HttpServletResponse response) {
        return view(token, model, response, "licence/fragments :: progress-panel");
    }

    private String view(String token, Model model, HttpServletResponse response, String view) {
        var order = progress.byToken(token);
        if (order.isEmpty()) {
            response.setStatus(HttpServletResponse.SC_NOT_FOUND);
            return "intake/progress-unknown";
        }
        model.addAttribute("token", token);
        model.addAttribute("progress", order.get());
        model.addAttribute("licences", retrievals.licencesByToken(token));
        model.addAttribute("retrievals", retrievals.ofOrderByToken(token));
        model.addAttribute("kinds", retrievals.kindsByToken(token));
        model.addAttribute("canFetch", order.get().status().open());
        model.addAttribute("toConfirm", order.get().status().open() ? readings.toConfirm(token) : java.util.List.of());
        return view;
    }

    @PostMapping("/consent")
    @OnRefusal(redirect = "/s/{token}/licences")
    String askConsent(@PathVariable String token, HttpServletRequest request, RedirectAttributes redirect) {
        redirect.addFlashAttribute("sentTo", retrievals.askConsentOnline(token, request.getRemoteAddr()).phoneMasked());
        return "redirect:/s/" + token + "/licences";
    }

    @PostMapping("/fetch")
    String fetch(@PathVariable String token, @RequestParam(required = false) LicenceKind kind, @RequestParam(required = false) String code,
            Locale locale, RedirectAttributes redirect) {
        try {
            redirect.addFlashAttribute("fetchedKind", retrievals.fetchOnline(token, kind, code).licence().kind());
        } catch (DomainException e) {
            redirect.addFlashAttribute("refusal", refusals.explain(e, locale));
            redirect.addFlashAttribute("enteredKind", kind);
        }
        return "redirect:/s/" + token + "/licences";
    }

    @PostMapping("/confirm")
    String confirm(@PathVariable String token, @RequestParam LicenceKind kind, @ModelAttribute LicenceFieldsInput fields,
            @RequestParam(name = "take", required = false) java.util.Set<String> take, Locale locale, RedirectAttributes redirect) {
        try {
            retrievals.confirmOnline(token, kind, fields, take == null ? java.util.Set.of() : take);
            redirect.addFlashAttribute("confirmedKind", kind);
        } catch (DomainException e) {
            redirect.addFlashAttribute("refusal", refusals.explain(e, locale));
            redirect.addFlashAttribute("enteredFields", fields);
            redirect.addFlashAttribute("enteredKind", kind);
        }
        return "redirect:/s/" + token + "/licences";
    }
}
