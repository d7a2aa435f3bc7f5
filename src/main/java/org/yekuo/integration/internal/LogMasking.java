package org.yekuo.integration.internal;

import org.springframework.boot.json.JsonWriter;
import org.springframework.boot.logging.structured.StructuredLoggingJsonMembersCustomizer;
import org.yekuo.shared.Masking;

/**
 * Structured (JSON) logs mask every ID number, mobile number and credit code in any text they carry (the
 * message, an exception's text, a context value) with the product's masking rules (R-X-3), whatever a line
 * put in by mistake. Named by {@code logging.structured.json.customizer}.
 */
public class LogMasking implements StructuredLoggingJsonMembersCustomizer<Object> {

    @Override
    public void customize(JsonWriter.Members<Object> members) {
        members.applyingValueProcessor(JsonWriter.ValueProcessor.of(String.class, Masking::inText));
    }
}
