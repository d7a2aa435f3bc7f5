package org.yekuo.support;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.nio.charset.StandardCharsets;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.MockMvcBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.util.function.SingletonSupplier;
import org.springframework.web.context.WebApplicationContext;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.mockmvc.OpenApiValidationMatchers;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;

/**
 * R-X-5: every response of every {@code /api} endpoint that a test calls through MockMvc is held against
 * the product's own OpenAPI document, so that the document and the code cannot drift apart. Requests are
 * not checked here (tests send bad requests on purpose); what the API answers is.
 */
@AutoConfiguration
public class OpenApiContract {

    @Bean
    MockMvcBuilderCustomizer openApiResponses(WebApplicationContext context) {
        SingletonSupplier<OpenApiInteractionValidator> validator = SingletonSupplier.of(() -> validator(context));
        return builder -> builder.alwaysDo(result -> {
            if (checked(result)) {
                OpenApiValidationMatchers.openApi().isValid(validator.obtain()).match(result);
            }
        });
    }

    private static boolean checked(MvcResult result) {
        return result.getRequest().getRequestURI().startsWith("/api/");
    }

    private static OpenApiInteractionValidator validator(WebApplicationContext context) {
        try {
            String document = MockMvcBuilders.webAppContextSetup(context).apply(SecurityMockMvcConfigurers.springSecurity()).build()
                    .perform(get("/v3/api-docs").with(httpBasic("admin", "Yekuo@2026")))
                    .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
            return OpenApiInteractionValidator.createForInlineApiSpecification(document)
                    .withLevelResolver(LevelResolver.create().withLevel("validation.request", ValidationReport.Level.IGNORE).build())
                    .build();
        } catch (Exception e) {
            throw new IllegalStateException("The OpenAPI document could not be read", e);
        }
    }
}
