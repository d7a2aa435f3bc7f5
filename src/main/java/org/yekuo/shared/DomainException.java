package org.yekuo.shared;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.springframework.http.HttpStatus;

/**
 * A business rule refused a request. It carries a message key and arguments, never user-facing text,
 * so that the answer is rendered in the requester's language; {@code field} names the input at fault
 * when there is one.
 */
public class DomainException extends RuntimeException {

    private final HttpStatus status;
    private final String messageKey;
    private final transient Object[] arguments;
    private final List<FieldProblem> fieldProblems;
    /** When a refused caller may try again (a rate limit's 429 says so in {@code Retry-After}). */
    private Duration retryAfter;

    public DomainException(HttpStatus status, String messageKey, Object... arguments) {
        this(status, List.of(), messageKey, arguments);
    }

    public DomainException(HttpStatus status, List<FieldProblem> fieldProblems, String messageKey, Object... arguments) {
        super(messageKey);
        this.status = status;
        this.messageKey = messageKey;
        this.arguments = arguments;
        this.fieldProblems = List.copyOf(fieldProblems);
    }

    /** Input that breaks a rule: 422 with the field named. */
    public static DomainException invalid(String field, String messageKey, Object... arguments) {
        return new DomainException(HttpStatus.UNPROCESSABLE_CONTENT,
                List.of(new FieldProblem(field, messageKey, arguments)), messageKey, arguments);
    }

    public static DomainException notFound(String messageKey, Object... arguments) {
        return new DomainException(HttpStatus.NOT_FOUND, messageKey, arguments);
    }

    public static DomainException conflict(String messageKey, Object... arguments) {
        return new DomainException(HttpStatus.CONFLICT, messageKey, arguments);
    }

    public static DomainException forbidden(String messageKey, Object... arguments) {
        return new DomainException(HttpStatus.FORBIDDEN, messageKey, arguments);
    }

    /** Says when the caller may try again; answered as {@code Retry-After} in whole seconds. */
    public DomainException retryAfter(Duration wait) {
        this.retryAfter = wait.isNegative() ? Duration.ZERO : wait;
        return this;
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    public HttpStatus status() {
        return status;
    }

    public String messageKey() {
        return messageKey;
    }

    public Object[] arguments() {
        return arguments.clone();
    }

    public List<FieldProblem> fieldProblems() {
        return fieldProblems;
    }

    /** One input at fault: its name, a message key and the key's arguments. */
    public record FieldProblem(String field, String messageKey, Object... arguments) {
    }
}
