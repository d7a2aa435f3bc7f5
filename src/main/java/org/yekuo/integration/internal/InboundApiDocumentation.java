package org.yekuo.integration.internal;

import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.security.OAuthFlow;
import io.swagger.v3.oas.models.security.OAuthFlows;
import io.swagger.v3.oas.models.security.Scopes;
import io.swagger.v3.oas.models.security.SecurityScheme;

/** The API document names how other systems authenticate to the inbound API: the client-credentials grant. */
@Configuration(proxyBeanMethods = false)
class InboundApiDocumentation {

    @Bean
    OpenApiCustomizer clientCredentialsScheme(InboundProperties properties) {
        return openApi -> {
            if (openApi.getComponents() == null) {
                openApi.setComponents(new Components());
            }
            String tokenUri = properties.tokenUri() != null ? properties.tokenUri()
                    : properties.issuer() != null ? properties.issuer() + "/oauth2/token" : "/oauth2/token";
            openApi.getComponents().addSecuritySchemes("clientCredentials", new SecurityScheme().type(SecurityScheme.Type.OAUTH2)
                    .description("Access tokens (JWT) of the utility's identity provider for audience "
                            + properties.audience() + ", obtained by the client-credentials grant")
                    .flows(new OAuthFlows().clientCredentials(new OAuthFlow().tokenUrl(tokenUri)
                            .scopes(new Scopes().addString("yekuo.customer-number", "return an order's customer number")
                                    .addString("yekuo.supply-works", "report supply-works milestones")))));
        };
    }
}
