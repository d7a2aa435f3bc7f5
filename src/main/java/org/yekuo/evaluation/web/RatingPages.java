package org.yekuo.evaluation.web;

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
import org.yekuo.evaluation.CustomerRatings;
import org.yekuo.evaluation.Rating;
import org.yekuo.evaluation.RatingInvitation;
import org.yekuo.notification.IssuedCode;
import org.yekuo.shared.DomainException;
import org.yekuo.shared.Refusals;

/**
 * The customer's H5 rating page behind the invitation SMS's link (R-EVA-2/3): rate three metrics and
 * comment, get a code on the order's phone, confirm. Public, as the link is the customer's only key;
 * the form carries the rating between the two steps, so nothing is kept before it is confirmed.
 */
@Controller
@RequestMapping("/e/{token}")
class RatingPages {

    private final CustomerRatings ratings;
    private final Refusals refusals;

    RatingPages(CustomerRatings ratings, Refusals refusals) {
        this.ratings = ratings;
        this.refusals = refusals;
    }

    /** The form's fields, as typed; a star not chosen stays empty and is named as missing. */
    record RatingForm(String timeliness, String attitude, String communication, String comment) {

        static RatingForm empty() {
            return new RatingForm("", "", "", "");
        }

        Rating rating() {
            return new Rating(stars(timeliness), stars(attitude), stars(communication), comment);
        }

        private static Integer stars(String value) {
            try {
                return value == null || value.isBlank() ? null : Integer.valueOf(value.strip());
            } catch (NumberFormatException e) {
                return 0;
            }
        }
    }

    @GetMapping
    String show(@PathVariable String token, Model model, HttpServletResponse response, Locale locale) {
        if (model.containsAttribute("submitted")) {
            return "evaluation/thanks";
        }
        return rate(token, RatingForm.empty(), model, response, locale);
    }

    @PostMapping("/code")
    String sendCode(@PathVariable String token, @ModelAttribute("form") RatingForm form, HttpServletRequest request,
            HttpServletResponse response, Model model, Locale locale) {
        try {
            IssuedCode issued = ratings.requestCode(token, form.rating(), request.getRemoteAddr());
            model.addAttribute("token", token);
            model.addAttribute("phoneMasked", issued.phoneMasked());
            return "evaluation/code";
        } catch (DomainException e) {
            return refused(token, form, e, model, response, locale);
        }
    }

    @PostMapping
    String submit(@PathVariable String token, @ModelAttribute("form") RatingForm form, @RequestParam(required = false) String code,
            HttpServletRequest request, HttpServletResponse response, Model model, Locale locale, RedirectAttributes redirect) {
        try {
            ratings.submit(token, form.rating(), code, request.getRemoteAddr());
            redirect.addFlashAttribute("submitted", true);
            return "redirect:/e/" + token;
        } catch (DomainException e) {
            if (e.fieldProblems().stream().anyMatch(p -> p.field().equals("code"))) {
                response.setStatus(e.status().value());
                model.addAttribute("token", token);
                model.addAttribute("refusal", refusals.explain(e, locale));
                return "evaluation/code";
            }
            return refused(token, form, e, model, response, locale);
        }
    }

    private String rate(String token, RatingForm form, Model model, HttpServletResponse response, Locale locale) {
        try {
            RatingInvitation invitation = ratings.open(token);
            model.addAttribute("invitation", invitation);
            model.addAttribute("token", token);
            model.addAttribute("form", form);
            return "evaluation/rate";
        } catch (DomainException e) {
            response.setStatus(e.status().value());
            model.addAttribute("refusal", refusals.explain(e, locale));
            return "evaluation/unavailable";
        }
    }

    /** A rating refused for its input is shown again with the fields named; a refused link ends on its own page. */
    private String refused(String token, RatingForm form, DomainException e, Model model, HttpServletResponse response,
            Locale locale) {
        if (e.fieldProblems().isEmpty()) {
            response.setStatus(e.status().value());
            model.addAttribute("refusal", refusals.explain(e, locale));
            return "evaluation/unavailable";
        }
        String page = rate(token, form, model, response, locale);
        response.setStatus(e.status().value());
        model.addAttribute("refusal", refusals.explain(e, locale));
        return page;
    }
}
