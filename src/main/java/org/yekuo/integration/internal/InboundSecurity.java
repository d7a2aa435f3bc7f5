package org.yekuo.integration.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;
import org.springframework.security.web.SecurityFilterChain;
import org.yekuo.audit.AuditEntry;
import org.yekuo.audit.AuditTrail;
import org.yekuo.shared.ProblemWriter;


/**
 * The inbound API ({@code /api/inbound/**}) takes only bearer tokens of the utility's identity provider: signed
 * by its keys, issued by it, for Yekuo's audience, unexpired, and carrying the scope of the update
 * ({@code yekuo.customer-number} for the marketing system, {@code yekuo.supply-works} for project management).
 * No session, no password, no cookie. A refused token is answered with a problem and audited.
 */
@Configuration(proxyBeanMethods = false)
class InboundSecurity {

    /** The actor of a refused call whose token names no one, as Spring Security calls such a caller. */
    private static final String NO_CALLER = "anonymous";

    static final String CUSTOMER_NUMBER_SCOPE = "SCOPE_yekuo.customer-number";
    static final String SUPPLY_WORKS_SCOPE = "SCOPE_yekuo.supply-works";

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE + 1)
    SecurityFilterChain inboundApiSecurity(HttpSecurity http, InboundProperties properties, ProblemWriter problems,
            AuditTrail audit) throws Exception {
        JwtDecoder decoder = decoder(properties);
        http.securityMatcher("/api/inbound/**")
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/api/inbound/orders/*/customer-number").hasAuthority(CUSTOMER_NUMBER_SCOPE)
                        .requestMatchers("/api/inbound/orders/*/supply-works").hasAuthority(SUPPLY_WORKS_SCOPE)
                        .anyRequest().denyAll())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .oauth2ResourceServer(server -> server
                        // A manager of its own: a refused token is no failed sign-in of a member of staff, so the
                        // sign-in lock-out never hears of it; the entry point below audits it instead.
                        .jwt(jwt -> jwt.authenticationManager(new ProviderManager(new JwtAuthenticationProvider(decoder))))
                        .authenticationEntryPoint((request, response, e) -> {
                            audit.recordSecurityEvent(NO_CALLER, IntegrationAudit.INBOUND_TOKEN_REFUSED, subject(request),
                                    "reason=" + e.getMessage(), AuditEntry.Outcome.FAILURE);
                            response.setHeader("WWW-Authenticate", "Bearer");
                            problems.write(request, response, HttpStatus.UNAUTHORIZED, "integration.inbound.token");
                        })
                        .accessDeniedHandler((request, response, e) -> {
                            String caller = request.getUserPrincipal() == null ? NO_CALLER : request.getUserPrincipal().getName();
                            audit.recordSecurityEvent(caller, IntegrationAudit.INBOUND_SCOPE_REFUSED, subject(request), "", AuditEntry.Outcome.FAILURE);
                            problems.write(request, response, HttpStatus.FORBIDDEN, "integration.inbound.scope");
                        }));
        return http.build();
    }

    /** The refused address, as long as the audit log keeps a subject. */
    private static String subject(HttpServletRequest request) {
        String uri = request.getRequestURI();
        return uri.length() <= 80 ? uri : uri.substring(0, 80);
    }

    private static JwtDecoder decoder(InboundProperties properties) {
        if (!properties.configured()) {
            return token -> {
                throw new BadJwtException("no identity provider is configured for the inbound API");
            };
        }
        NimbusJwtDecoder decoder = properties.jwkSetUri() != null && !properties.jwkSetUri().isBlank()
                ? NimbusJwtDecoder.withJwkSetUri(properties.jwkSetUri()).build()
                : NimbusJwtDecoder.withPublicKey(publicKey(properties)).build();
        OAuth2TokenValidator<Jwt> audience = new JwtClaimValidator<List<String>>("aud",
                aud -> aud != null && aud.contains(properties.audience()));
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(JwtValidators.createDefaultWithIssuer(properties.issuer()), audience));
        return decoder;
    }

    private static RSAPublicKey publicKey(InboundProperties properties) {
        try (InputStream in = properties.publicKeyLocation().getInputStream()) {
            String pem = new String(in.readAllBytes(), StandardCharsets.US_ASCII)
                    .replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            return (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(pem)));
        } catch (IOException | java.security.GeneralSecurityException e) {
            throw new IllegalStateException("The inbound API's public key cannot be read from " + properties.publicKeyLocation(), e);
        }
    }
}
