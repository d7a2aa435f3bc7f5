package org.yekuo.licence.internal;

import java.util.Locale;
import java.util.Optional;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.yekuo.audit.AuditTerms;

/** Names the kind of paper a reading was, as the audit log writes it by code. */
@Component
class LicenceAuditTerms implements AuditTerms {

    private final MessageSource messages;

    LicenceAuditTerms(MessageSource messages) {
        this.messages = messages;
    }

    @Override
    public Optional<String> name(String key, String value, Locale locale) {
        return "paperKind".equals(key) ? Optional.ofNullable(messages.getMessage("licence.ocr.kind." + value, null, null, locale))
                : Optional.empty();
    }
}
