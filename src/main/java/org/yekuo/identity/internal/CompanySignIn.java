package org.yekuo.identity.internal;

import java.net.URI;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.client.oidc.web.logout.OidcClientInitiatedLogoutSuccessHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.security.oauth2.client.web.HttpSessionOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.yekuo.audit.AuditEntry.Outcome;
import org.yekuo.audit.AuditTrail;
import org.yekuo.shared.ProblemWriter;

/**
 * Sign-in with the company account (OpenID Connect, authorization code with PKCE), present only while
 * {@code yekuo.sso.issuer-uri} is set. The provider's metadata is read at the first sign-in rather than at start-up,
 * so Yekuo starts (and staff with a break-glass password get in) while the provider is unreachable. Signing out
 * ends the provider's session too (RP-initiated logout) and comes back to the sign-in page; the provider ending its
 * session ends Yekuo's too (back-channel logout, {@link CompanySessionEnds}).
 */
@Component
@ConditionalOnProperty(prefix = "yekuo.sso", name = "issuer-uri")
public class CompanySignIn implements ClientRegistrationRepository {

    private static final Logger log = LoggerFactory.getLogger(CompanySignIn.class);

    /** Why a company sign-in was refused, as the sign-in page names it; anything else reads as {@code failed}. */
    static final Set<String> REASONS = Set.of("unavailable", "failed", "invalid-token", "no-mapped-role", "conflicting-roles",
            "unknown-org-unit", "no-org-unit", "username-taken", "unusable-username", "break-glass-account", "disabled", "ended");

    /** The actor of a refusal before anyone is known, as Spring Security calls such a caller. */
    private static final String NO_ONE = "anonymous";

    private final CompanySignInProperties properties;
    private final AuditTrail audit;
    private final CompanyAccounts accounts;
    private final CompanySessionEnds ends;
    private volatile ClientRegistration registration;

    CompanySignIn(CompanySignInProperties properties, AuditTrail audit, JdbcClient jdbc, TransactionTemplate tx, Clock clock,
            StaffDirectory directory, PasswordEncoder encoder) {
        this.properties = properties;
        this.audit = audit;
        this.accounts = new CompanyAccounts(properties, jdbc, tx, clock, audit, directory, encoder);
        this.ends = new CompanySessionEnds(jdbc, tx, clock, audit);
    }

    /** Whether the provider answers (its metadata is read once and kept). */
    public boolean available() {
        return registration().isPresent();
    }

    /** Whether staff other than the break-glass accounts may still sign in with a password. */
    public boolean passwordsForEveryone() {
        return properties.passwordsForEveryone();
    }

    /** The reason as the sign-in page names it. */
    public static String reason(String code) {
        return REASONS.contains(code) ? code : "failed";
    }

    @Override
    public ClientRegistration findByRegistrationId(String registrationId) {
        return CompanySignInProperties.REGISTRATION_ID.equals(registrationId) ? registration().orElse(null) : null;
    }

    void configure(HttpSecurity http, String contentSecurityPolicy, ProblemWriter problems) throws Exception {
        OidcClientInitiatedLogoutSuccessHandler logout = new OidcClientInitiatedLogoutSuccessHandler(this);
        logout.setPostLogoutRedirectUri("{baseUrl}/login?logout");
        logout.setDefaultTargetUrl("/login?logout");
        http.oauth2Login(login -> login
                        .loginPage("/login")
                        .clientRegistrationRepository(this)
                        // The tokens live in the member's session and end with it.
                        .authorizedClientRepository(new HttpSessionOAuth2AuthorizedClientRepository())
                        .userInfoEndpoint(userInfo -> userInfo.oidcUserService(accounts))
                        .defaultSuccessUrl("/", false)
                        .failureHandler(failure()))
                .logout(out -> out.logoutSuccessHandler(logout))
                // The provider ends a session on its own at /logout/connect/back-channel/company.
                .oidcLogout(out -> out.clientRegistrationRepository(this).backChannel(channel -> channel.logoutHandler(ends)))
                .addFilterBefore(ends.new Gate(problems), AuthorizationFilter.class)
                // Signing out posts a form whose answer leads to the provider, which the browser allows only if named here.
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(
                        contentSecurityPolicy.replace("form-action 'self'", "form-action 'self' " + origin(properties.issuerUri())))));
    }

    /**
     * Sends a refused sign-in back to the sign-in page with its reason. Refusals of the mapping rules were audited
     * where they were made; a refused token or a failed exchange with the provider is audited here.
     */
    private AuthenticationFailureHandler failure() {
        return (request, response, exception) -> {
            String code = exception instanceof OAuth2AuthenticationException oauth ? oauth.getError().getErrorCode() : "failed";
            String reason;
            if (code.startsWith(CompanyAccounts.REFUSAL)) {
                reason = code.substring(CompanyAccounts.REFUSAL.length());
            } else {
                reason = "invalid_id_token".equals(code) ? "invalid-token" : "failed";
                String detail = code.replaceAll("[^A-Za-z0-9_.-]", "");
                audit.recordSecurityEvent(NO_ONE, IdentityAudit.COMPANY_LOGIN, CompanySignInProperties.REGISTRATION_ID,
                        "reason=" + (detail.length() > 60 ? detail.substring(0, 60) : detail), Outcome.FAILURE);
                log.warn("Company sign-in refused: {}", exception.getMessage());
            }
            response.sendRedirect(request.getContextPath() + "/login?company=" + reason(reason));
        };
    }

    private Optional<ClientRegistration> registration() {
        ClientRegistration found = registration;
        if (found == null) {
            try {
                found = discover();
                registration = found;
            } catch (RuntimeException e) {
                String why = String.valueOf(e.getMessage());
                log.warn("The company's identity provider {} cannot be reached: {}", properties.issuerUri(),
                        why.length() > 200 ? why.substring(0, 200) : why);
                return Optional.empty();
            }
        }
        return Optional.of(found);
    }

    private ClientRegistration discover() {
        boolean confidential = properties.clientSecret() != null && !properties.clientSecret().isBlank();
        return ClientRegistrations.fromIssuerLocation(properties.issuerUri())
                .registrationId(CompanySignInProperties.REGISTRATION_ID)
                .clientId(properties.clientId())
                .clientSecret(confidential ? properties.clientSecret() : null)
                .clientAuthenticationMethod(confidential ? ClientAuthenticationMethod.CLIENT_SECRET_BASIC : ClientAuthenticationMethod.NONE)
                .scope(properties.scopes())
                .redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
                .userNameAttributeName("sub")
                .clientSettings(ClientRegistration.ClientSettings.builder().requireProofKey(true).build())
                .build();
    }

    private static String origin(String issuer) {
        URI uri = URI.create(issuer);
        return uri.getScheme() + "://" + uri.getAuthority();
    }
}
