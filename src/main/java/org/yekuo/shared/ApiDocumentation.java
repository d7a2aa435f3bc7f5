package org.yekuo.shared;

import java.time.LocalDateTime;
import java.util.List;

import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
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
 * {@code code} and, for input errors, the fields at fault; a field that is not required may be null; a
 * local date and time is no offset date-time. A client reads the answers from the document, and the tests
 * hold every answer against it.
 */
@Configuration(proxyBeanMethods = false)
class ApiDocumentation {

    static final String PROBLEM = "Problem";

    static {
        // A local date and time (the working-hours arithmetic in the utility's zone) has no offset, so it is no
        // RFC 3339 date-time: documented as what it is.
        SpringDocUtils.getConfig().replaceWithSchema(LocalDateTime.class, new StringSchema()
                .pattern("^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?$")
                .description("Local date and time in the utility's zone, yyyy-MM-ddTHH:mm:ss").example("2026-02-13T16:30:00"));
    }

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
            // A field of an answer that is not required may be null (a record's component without a value): say so,
            // so that a client and the contract tests read null as allowed and anything else as checked.
            openApi.getComponents().getSchemas().values().forEach(ApiDocumentation::nullableUnlessRequired);
            openApi.getPaths().values().forEach(path -> path.readOperations().forEach(operation -> {
                if (operation.getResponses() == null) {
                    return;
                }
                ApiResponse ok = operation.getResponses().get("200");
                if (ok != null && (ok.getContent() == null || ok.getContent().isEmpty())) {
                    // An operation that answers nothing (ResponseEntity<Void>) answers 204 No Content.
                    operation.getResponses().remove("200");
                    operation.getResponses().addApiResponse("204", new ApiResponse().description("Done; nothing to answer"));
                }
                if (!operation.getResponses().containsKey("default")) {
                    operation.getResponses().addApiResponse("default", refused);
                }
            }));
        };
    }

    private static void nullableUnlessRequired(Schema<?> schema) {
        if (schema.getProperties() == null) {
            return;
        }
        List<String> required = schema.getRequired() == null ? List.of() : schema.getRequired();
        schema.getProperties().forEach((name, property) -> {
            if (!required.contains(name) && property.get$ref() == null) {
                property.setNullable(true);
                if (property.getEnum() != null && !property.getEnum().contains(null)) {
                    property.addEnumItemObject(null);
                }
            }
            if (property.getItems() != null) {
                nullableUnlessRequired(property.getItems());
            }
        });
    }
}
