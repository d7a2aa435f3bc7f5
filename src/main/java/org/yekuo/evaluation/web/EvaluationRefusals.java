package org.yekuo.evaluation.web;

import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.yekuo.identity.PageShell;
import org.yekuo.shared.DomainException;
import org.yekuo.shared.Refusals;

/**
 * A refusal on the staff's evaluation pages that has no form to show it on (an export of a malformed
 * month, no PDF font, a rating or task that is not there or not theirs): the reason on a page under its
 * status, instead of a file or the generic error page. It comes before the pages' general advice (PageRefusals).
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
@ControllerAdvice(assignableTypes = {EvaluationPages.class, TeamPages.class})
class EvaluationRefusals {

    private final PageShell shell;
    private final Refusals refusals;

    EvaluationRefusals(PageShell shell, Refusals refusals) {
        this.shell = shell;
        this.refusals = refusals;
    }

    @ExceptionHandler(DomainException.class)
    String refused(DomainException e, Model model, HttpServletRequest request, HttpServletResponse response, Locale locale) {
        shell.addTo(model, request);
        response.setStatus(e.status().value());
        Refusals.Refusal refusal = refusals.explain(e, locale);
        model.addAttribute("refusal", refusal.fields().isEmpty() ? refusal.message() : String.join(" ", refusal.fields().values()));
        return "evaluation/refused";
    }
}
