package org.yekuo.evaluation;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.yekuo.audit.AuditTerms;

/** Names what the evaluation records write into audit details: the flags of a rating and the cause of a trace. */
@Component
class EvaluationAuditTerms implements AuditTerms {

    private final MessageSource messages;

    EvaluationAuditTerms(MessageSource messages) {
        this.messages = messages;
    }

    @Override
    public Optional<String> name(String key, String value, Locale locale) {
        String messageKey = switch (key) {
            case "flags" -> Arrays.stream(FraudFlag.values()).anyMatch(f -> f.name().equals(value))
                    ? FraudFlag.valueOf(value).messageKey() : null;
            case "cause" -> Arrays.stream(TraceCause.values()).anyMatch(c -> c.name().equals(value))
                    ? TraceCause.valueOf(value).messageKey() : null;
            default -> null;
        };
        return messageKey == null ? Optional.empty() : Optional.ofNullable(messages.getMessage(messageKey, null, null, locale));
    }
}
