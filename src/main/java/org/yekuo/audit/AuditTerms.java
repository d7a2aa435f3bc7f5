package org.yekuo.audit;

import java.util.Locale;
import java.util.Optional;

/**
 * What a module calls the values it writes into audit details that only it can name (people, units,
 * materials, business types), so that the log reads as sentences instead of codes.
 */
public interface AuditTerms {

    /** The reader's word for {@code value} under the detail key {@code key}; empty when this module does not name it. */
    Optional<String> name(String key, String value, Locale locale);
}
