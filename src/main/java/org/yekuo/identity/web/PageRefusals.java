package org.yekuo.identity.web;

import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.support.RequestContextUtils;
import org.springframework.web.util.UriTemplate;
import org.yekuo.identity.PageShell;
import org.yekuo.shared.DomainException;
import org.yekuo.shared.OnRefusal;
import org.yekuo.shared.Refusals;

/**
 * Shows a page's refusal where its handler's {@link OnRefusal} says: on a view, with the page's frame and the
 * refusal's status, or back on an address with the refusal in the flash. A handler without it is left to the
 * handling there was before (its own, or the error page). It comes after the advices scoped to some controllers,
 * which know their pages better; the API's refusals are problem documents (ProblemDetailsAdvice) and never reach it.
 */
@ControllerAdvice(annotations = Controller.class)
@Order(Ordered.LOWEST_PRECEDENCE)
class PageRefusals {

    private final PageShell shell;
    private final Refusals refusals;

    PageRefusals(PageShell shell, Refusals refusals) {
        this.shell = shell;
        this.refusals = refusals;
    }

    @ExceptionHandler(DomainException.class)
    String refused(DomainException e, HandlerMethod handler, Model model, HttpServletRequest request,
            HttpServletResponse response, Locale locale) {
        OnRefusal where = AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(), OnRefusal.class);
        if (where == null) {
            where = AnnotatedElementUtils.findMergedAnnotation(handler.getBeanType(), OnRefusal.class);
        }
        if (where == null) {
            // Rethrowing the same exception declines it: the handling that came before this advice goes on.
            throw e;
        }
        Refusals.Refusal refusal = refusals.explain(e, locale);
        if (!where.redirect().isEmpty()) {
            RequestContextUtils.getOutputFlashMap(request).put("refusal", refusal);
            return "redirect:" + new UriTemplate(where.redirect()).expand(pathVariables(request));
        }
        shell.addTo(model, request);
        response.setStatus(e.status().value());
        model.addAttribute("refusal", refusal);
        return where.view();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> pathVariables(HttpServletRequest request) {
        Object variables = request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        return variables == null ? Map.of() : (Map<String, String>) variables;
    }
}
