package org.yekuo.integration.internal;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.io.Resource;

/**
 * Who may send updates in ({@code yekuo.integration.inbound.*}): OAuth 2.0 access tokens (JWT) that the utility's
 * identity provider issues to other systems by the client-credentials grant. {@code issuer} is the provider's
 * issuer id; its keys come from {@code jwk-set-uri} (or a fixed {@code public-key-location}); a token must name
 * {@code audience} among its audiences. Without an issuer and keys the inbound API refuses every call. {@code token-uri}
 * (the provider's token endpoint) goes into the API document for integrators.
 */
@ConfigurationProperties("yekuo.integration.inbound")
record InboundProperties(String issuer, String jwkSetUri, Resource publicKeyLocation, @DefaultValue("yekuo") String audience,
        String tokenUri) {

    boolean configured() {
        return issuer != null && !issuer.isBlank() && ((jwkSetUri != null && !jwkSetUri.isBlank()) || publicKeyLocation != null);
    }
}
