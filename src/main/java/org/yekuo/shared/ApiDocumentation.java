package org.yekuo.shared;

import java.util.List;

import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;

/**
 * What the API document says beyond the controllers: every operation may answer with an RFC 9457
 * problem (a refusal, a missing right, a conflict), in {@code application/problem+json} with a
 * {@code code} and, for input errors, the fields at fault, so that a client reads errors from the
 * document and the tests hold every answer against it.
 */
@Configuration(proxyBeanMethods = false)
class ApiDocumentation {

    static final String PROBLEM = "Problem";

    @Bean
    OpenApiCustomizer problemResponses() {
        return openApi -> {
            Schema<?> fieldError = new ObjectSchema().addProperty("field", new StringSchema()).addProperty("message", new StringSchema());
            Schema<?> problem = new ObjectSchema().description("RFC 9457 problem details in the caller's language")
                    .addProperty("type", new StringSchema()).addProperty("title", new StringSchema())
                    .addProperty("status", new IntegerSchema()).addProperty("detail", new StringSchema())
                    .addProperty("instance", new StringSchema()).addProperty("code", new StringSchema())
                    .addProperty("errors", new ArraySchema().items(fieldError));
            problem.setRequired(List.of("status"));
            openApi.getComponents().addSchemas(PROBLEM, problem);
            ApiResponse refused = new ApiResponse().description("Refused: see the problem's detail and errors")
                    .content(new Content().addMediaType("application/problem+json",
                            new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM))));
            openApi.getPaths().values().forEach(path -> path.readOperations().forEach(operation -> {
                if (operation.getResponses() != null && !operation.getResponses().containsKey("default")) {
                    operation.getResponses().addApiResponse("default", refused);
                }
            }));
        };
    }
}
