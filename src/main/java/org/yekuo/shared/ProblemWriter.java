package org.yekuo.shared;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.LocaleResolver;

import tools.jackson.databind.json.JsonMapper;

/**
 * Writes an RFC 9457 problem document where no controller answers: in servlet filters and security
 * handlers. Same shape as {@code ProblemDetailsAdvice}: type, title, status, detail, code and, for
 * input errors, {@code errors: [{field, message}]}, in the requester's language.
 */
@Component
public class ProblemWriter {

    private final MessageSource messages;
    private final LocaleResolver locales;

    ProblemWriter(MessageSource messages, LocaleResolver locales) {
        this.messages = messages;
        this.locales = locales;
    }

    /** A problem with the message {@code code} as its detail. */
    public void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String code)
            throws IOException {
        write(request, response, status, code, null);
    }

    /** A refused input: {@code errors} names the field, and the message (its one argument is the field) says why. */
    public void writeInvalid(HttpServletRequest request, HttpServletResponse response, String field, String messageKey)
            throws IOException {
        Locale locale = locales.resolveLocale(request);
        write(request, response, HttpStatus.BAD_REQUEST, "validation.failed",
                List.of(Map.of("field", field, "message", messages.getMessage(messageKey, new Object[] {field}, messageKey, locale))));
    }

    /** A refused input under {@code status}: {@code errors} names the field, with the message {@code messageKey} and its arguments. */
    public void writeInvalid(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String code, String field,
            String messageKey, Object... arguments) throws IOException {
        Locale locale = locales.resolveLocale(request);
        write(request, response, status, code,
                List.of(Map.of("field", field, "message", messages.getMessage(messageKey, arguments, messageKey, locale))));
    }

    private void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String code,
            List<Map<String, String>> errors) throws IOException {
        Locale locale = locales.resolveLocale(request);
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "urn:yekuo:problem:" + code);
        problem.put("title", status.getReasonPhrase());
        problem.put("status", status.value());
        problem.put("detail", messages.getMessage(code, null, code, locale));
        problem.put("code", code);
        if (errors != null) {
            problem.put("errors", errors);
        }
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(JsonMapper.shared().writeValueAsString(problem));
    }
}
