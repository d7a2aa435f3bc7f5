package org.yekuo.identity.internal;

import java.util.Collection;
import java.util.List;
import java.util.Set;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.yekuo.identity.Role;

/**
 * Sign-in with the company account ({@code yekuo.sso.*}): the utility's OpenID provider by its issuer, Yekuo's
 * client there, and the rules that turn the provider's claims into Yekuo roles and an org unit. Off while
 * {@code issuer-uri} is empty. With {@code passwords-for-everyone: false} only the {@code break-glass-accounts}
 * may still sign in with a password, for when the provider is down.
 *
 * @param clientSecret     empty for a public client; PKCE is used either way
 * @param usernameClaim    the claim whose value becomes the Yekuo username
 * @param roleRules        a member gets the roles of every rule whose claim holds its value
 * @param orgUnitRules     the first rule whose claim holds its value gives the member's org unit (by code)
 * @param defaultOrgUnit   the org unit (code) of a new member whom no org-unit rule places; empty to refuse them
 */
@ConfigurationProperties("yekuo.sso")
record CompanySignInProperties(String issuerUri, String clientId, String clientSecret,
        @DefaultValue({"openid", "profile"}) List<String> scopes,
        @DefaultValue("preferred_username") String usernameClaim, @DefaultValue("name") String nameClaim,
        @DefaultValue List<RoleRule> roleRules, @DefaultValue List<OrgUnitRule> orgUnitRules, String defaultOrgUnit,
        @DefaultValue("true") boolean passwordsForEveryone, @DefaultValue("admin") Set<String> breakGlassAccounts) {

    /** The registration id of the company's provider, the last part of its sign-in and callback addresses. */
    static final String REGISTRATION_ID = "company";

    boolean enabled() {
        return issuerUri != null && !issuerUri.isBlank();
    }

    /** Whether this account may sign in with a password: everyone without SSO, else as configured. */
    boolean passwordAllowed(String username) {
        return !enabled() || passwordsForEveryone || breakGlassAccounts.contains(username);
    }

    /** Grants {@code roles} to whoever's {@code claim} is or contains {@code value}. */
    record RoleRule(String claim, String value, Set<Role> roles) {
    }

    /** Places whoever's {@code claim} is or contains {@code value} in the org unit with code {@code orgUnit}. */
    record OrgUnitRule(String claim, String value, String orgUnit) {
    }

    /** Whether a claim's value (a string, or a list of them, as group claims are) is or contains {@code wanted}. */
    static boolean holds(Object claim, String wanted) {
        if (claim instanceof Collection<?> values) {
            return values.stream().anyMatch(v -> wanted.equals(String.valueOf(v)));
        }
        return claim != null && wanted.equals(String.valueOf(claim));
    }
}
