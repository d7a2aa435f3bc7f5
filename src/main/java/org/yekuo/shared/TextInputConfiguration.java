package org.yekuo.shared;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JacksonModule;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.module.SimpleModule;

/**
 * Every text value of a JSON body passes the {@link TextPolicy} as it is read; a refused one is an
 * unreadable value that {@code ProblemDetailsAdvice} answers with the field's path and the policy's
 * message.
 */
@Configuration(proxyBeanMethods = false)
class TextInputConfiguration {

    @Bean
    JacksonModule textPolicyModule() {
        return new SimpleModule("text-policy").addDeserializer(String.class, new CheckedText());
    }

    /** The standard reading of a string, then the policy. */
    static final class CheckedText extends StringDeserializer {

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) {
            String text = super.deserialize(parser, context);
            if (!TextPolicy.acceptable(text)) {
                throw context.weirdStringException(text, String.class, TextPolicy.REFUSED);
            }
            return text;
        }
    }
}
