package org.yekuo.shared;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.context.MessageSource;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.InvalidFormatException;

/**
 * Turns refusals into RFC 9457 problem details in the requester's language. Field problems are
 * listed under {@code errors}, each with the field, the message and the rejected value where safe.
 * It runs before Spring Boot's own problem-details handler, which would otherwise answer the
 * exceptions both know (a malformed parameter, an unreadable body) in English without the field.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
@RestControllerAdvice(annotations = org.springframework.web.bind.annotation.RestController.class)
class ProblemDetailsAdvice {

    private final MessageSource messages;

    ProblemDetailsAdvice(MessageSource messages) {
        this.messages = messages;
    }

    @ExceptionHandler(DomainException.class)
    ResponseEntity<ProblemDetail> domain(DomainException e) {
        ResponseEntity.BodyBuilder answer = ResponseEntity.status(e.status());
        e.retryAfter().ifPresent(wait -> answer.header(HttpHeaders.RETRY_AFTER,
                Long.toString(Math.max(1, (wait.toMillis() + 999) / 1000))));
        return answer.body(domainProblem(e));
    }

    private ProblemDetail domainProblem(DomainException e) {
        Locale locale = LocaleContextHolder.getLocale();
        ProblemDetail problem = problem(e.status(), e.messageKey(), messages.getMessage(e.messageKey(), e.arguments(), e.messageKey(), locale));
        if (!e.fieldProblems().isEmpty()) {
            List<Map<String, Object>> errors = new ArrayList<>();
            for (DomainException.FieldProblem p : e.fieldProblems()) {
                errors.add(Map.of("field", p.field(),
                        "message", messages.getMessage(p.messageKey(), p.arguments(), p.messageKey(), locale)));
            }
            problem.setProperty("errors", errors);
        }
        return problem;
    }

    @ExceptionHandler(MethodArgumentNotValidException.class)
    ProblemDetail invalidBody(MethodArgumentNotValidException e) {
        Locale locale = LocaleContextHolder.getLocale();
        List<Map<String, Object>> errors = new ArrayList<>();
        for (FieldError fe : e.getBindingResult().getFieldErrors()) {
            errors.add(Map.of("field", fe.getField(), "message", messages.getMessage(fe, locale)));
        }
        e.getBindingResult().getGlobalErrors()
                .forEach(ge -> errors.add(Map.of("field", ge.getObjectName(), "message", messages.getMessage(ge, locale))));
        return invalid(errors, locale);
    }

    @ExceptionHandler(HandlerMethodValidationException.class)
    ProblemDetail invalidParameters(HandlerMethodValidationException e) {
        Locale locale = LocaleContextHolder.getLocale();
        List<Map<String, Object>> errors = new ArrayList<>();
        e.getParameterValidationResults().forEach(result -> {
            String field = result.getMethodParameter().getParameterName();
            for (MessageSourceResolvable error : result.getResolvableErrors()) {
                errors.add(Map.of("field", field == null ? "" : field, "message", messages.getMessage(error, locale)));
            }
        });
        return invalid(errors, locale);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ProblemDetail typeMismatch(MethodArgumentTypeMismatchException e) {
        Locale locale = LocaleContextHolder.getLocale();
        String expected = e.getRequiredType() == null ? "?" : e.getRequiredType().getSimpleName();
        String message = messages.getMessage("validation.type-mismatch", new Object[] {e.getName(), expected}, locale);
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "validation.failed", message);
        problem.setProperty("errors", List.of(Map.of("field", e.getName(), "message", message)));
        return problem;
    }

    /**
     * A value of the wrong shape ("abc" for a number), or text the {@link TextPolicy} refuses: name the
     * field when the parser knows it.
     */
    @ExceptionHandler(HttpMessageNotReadableException.class)
    ProblemDetail unreadable(HttpMessageNotReadableException e) {
        Locale locale = LocaleContextHolder.getLocale();
        String field = fieldOf(e);
        if (field == null) {
            return problem(HttpStatus.BAD_REQUEST, "validation.unreadable", messages.getMessage("validation.unreadable", null, locale));
        }
        String message = refusedText(e) ? messages.getMessage(TextPolicy.REFUSED, new Object[] {field}, locale)
                : messages.getMessage("validation.field-unreadable", new Object[] {field}, locale);
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "validation.failed", message);
        problem.setProperty("errors", List.of(Map.of("field", field, "message", message)));
        return problem;
    }

    private static boolean refusedText(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof InvalidFormatException invalid && invalid.getValue() instanceof String text
                    && !TextPolicy.acceptable(text)) {
                return true;
            }
        }
        return false;
    }

    private static String fieldOf(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof JacksonException jackson && !jackson.getPath().isEmpty()) {
                StringBuilder path = new StringBuilder();
                for (JacksonException.Reference reference : jackson.getPath()) {
                    if (reference.getPropertyName() != null) {
                        path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
                    } else if (reference.getIndex() >= 0) {
                        path.append('[').append(reference.getIndex()).append(']');
                    }
                }
                return path.isEmpty() ? null : path.toString();
            }
        }
        return null;
    }

    @ExceptionHandler(OptimisticLockingFailureException.class)
    ProblemDetail concurrentChange(OptimisticLockingFailureException e) {
        Locale locale = LocaleContextHolder.getLocale();
        return problem(HttpStatus.CONFLICT, "concurrency.changed", messages.getMessage("concurrency.changed", null, locale));
    }

    private ProblemDetail invalid(List<Map<String, Object>> errors, Locale locale) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "validation.failed",
                messages.getMessage("validation.failed", null, locale));
        problem.setProperty("errors", errors);
        return problem;
    }

    private static ProblemDetail problem(HttpStatus status, String code, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create("urn:yekuo:problem:" + code));
        problem.setTitle(status.getReasonPhrase());
        problem.setProperty("code", code);
        return problem;
    }
}
