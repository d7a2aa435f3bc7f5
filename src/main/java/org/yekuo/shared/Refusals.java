package org.yekuo.shared;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * Puts a refusal into words for a page: the overall message and one message per field at fault, in
 * the reader's language. The API renders the same refusal as a problem document.
 */
@Component
public class Refusals {

    private final MessageSource messages;

    Refusals(MessageSource messages) {
        this.messages = messages;
    }

    public Refusal explain(DomainException e, Locale locale) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (DomainException.FieldProblem problem : e.fieldProblems()) {
            fields.putIfAbsent(problem.field(), messages.getMessage(problem.messageKey(), problem.arguments(), problem.messageKey(), locale));
        }
        return new Refusal(messages.getMessage(e.messageKey(), e.arguments(), e.messageKey(), locale), fields);
    }

    /** @param fields field name to message, in the order the fields were checked */
    public record Refusal(String message, Map<String, String> fields) {
    }
}
