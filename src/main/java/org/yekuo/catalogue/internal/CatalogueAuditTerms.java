package org.yekuo.catalogue.internal;

import java.util.Locale;
import java.util.Optional;

import org.springframework.stereotype.Component;
import org.yekuo.audit.AuditTerms;
import org.yekuo.catalogue.Catalogue;

/** Names the business types and materials the audit log records by code. */
@Component
class CatalogueAuditTerms implements AuditTerms {

    private final Catalogue catalogue;

    CatalogueAuditTerms(Catalogue catalogue) {
        this.catalogue = catalogue;
    }

    @Override
    public Optional<String> name(String key, String value, Locale locale) {
        return switch (key) {
            case "type" -> catalogue.findCurrent(value).map(type -> type.name(locale));
            case "material", "missing" -> catalogue.materials().stream().filter(m -> m.code().equals(value)).findFirst()
                    .map(material -> material.name(locale));
            default -> Optional.empty();
        };
    }
}
