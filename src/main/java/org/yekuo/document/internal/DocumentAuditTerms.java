package org.yekuo.document.internal;

import java.util.Locale;
import java.util.Optional;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.yekuo.audit.AuditTerms;

/** Names what the archive writes into audit details by code: kinds of document and access, refusals, alerts. */
@Component
class DocumentAuditTerms implements AuditTerms {

    private final MessageSource messages;

    DocumentAuditTerms(MessageSource messages) {
        this.messages = messages;
    }

    @Override
    public Optional<String> name(String key, String value, Locale locale) {
        String code = switch (key) {
            case "documentKind" -> "document.kind." + value;
            case "access" -> "document.access." + value;
            case "refusal" -> "document.refusal." + value;
            case "alertKind" -> "document.alert.kind." + value;
            case "record" -> "document.record." + value;
            case "signerKind" -> "document.hand.signer." + value;
            case "drawing" -> "document.drawing." + value;
            // An upload's refusal is the message the uploader saw.
            case "problem" -> value;
            default -> null;
        };
        return code == null ? Optional.empty() : Optional.ofNullable(messages.getMessage(code, null, null, locale));
    }
}
