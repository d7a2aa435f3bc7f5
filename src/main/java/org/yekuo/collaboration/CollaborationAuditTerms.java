package org.yekuo.collaboration;

import java.util.Locale;
import java.util.Optional;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.yekuo.audit.AuditTerms;

/** Names what collaboration writes into audit details by code: the kind of a quality problem. */
@Component
class CollaborationAuditTerms implements AuditTerms {

    private final MessageSource messages;

    CollaborationAuditTerms(MessageSource messages) {
        this.messages = messages;
    }

    @Override
    public Optional<String> name(String key, String value, Locale locale) {
        if (!"qualityCategory".equals(key)) {
            return Optional.empty();
        }
        return Optional.ofNullable(messages.getMessage("collaboration.quality.category." + value, null, null, locale));
    }
}
