package org.yekuo.catalogue.web;

import java.util.Locale;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.yekuo.shared.DomainException;
import org.yekuo.shared.Refusals;

/**
 * How the catalogue's edit forms show a refusal: the page again under the refusal's status, the
 * message on the form that was sent and each field's message beside its field, with what was typed.
 * An unknown type or guideline is not a form error: it goes on to the not-found page.
 */
final class RefusedEdit {

    private RefusedEdit() {
    }

    static void show(DomainException e, String form, Object rejected, Refusals refusals, Model model,
            HttpServletResponse response, Locale locale) {
        if (e.status() == HttpStatus.NOT_FOUND) {
            throw e;
        }
        Refusals.Refusal refusal = refusals.explain(e, locale);
        response.setStatus(e.status().value());
        model.addAttribute("errorForm", form);
        model.addAttribute("errorMessage", refusal.message());
        model.addAttribute("fieldErrors", refusal.fields());
        model.addAttribute("rejected", rejected);
    }
}
