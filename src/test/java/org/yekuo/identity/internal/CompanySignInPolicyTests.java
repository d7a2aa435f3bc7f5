package org.yekuo.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** R-X-7 single sign-on's rules that need no provider: who keeps a password, and a provider that cannot be reached. */
class CompanySignInPolicyTests {

    @Test
    @DisplayName("R-X-7 without single sign-on everyone signs in with a password; with it switched off for others only the break-glass accounts do")
    void passwordsStayForTheBreakGlassAccounts() {
        assertThat(properties(null, true).passwordAllowed("clerk.east")).isTrue();
        assertThat(properties(null, false).passwordAllowed("clerk.east")).as("no provider configured").isTrue();
        assertThat(properties("https://idp.example.cn", true).passwordAllowed("clerk.east")).isTrue();
        assertThat(properties("https://idp.example.cn", false).passwordAllowed("clerk.east")).isFalse();
        assertThat(properties("https://idp.example.cn", false).passwordAllowed("admin")).isTrue();
    }

    @Test
    @DisplayName("R-X-7 a provider that cannot be reached leaves the company sign-in unavailable instead of failing start-up or the page")
    void unreachableProviderIsUnavailable() {
        CompanySignIn sso = new CompanySignIn(properties("http://127.0.0.1:1", false), null, null, null, null, null, null);
        assertThat(sso.available()).isFalse();
        assertThat(sso.findByRegistrationId("company")).isNull();
        assertThat(CompanySignIn.reason("no-mapped-role")).isEqualTo("no-mapped-role");
        assertThat(CompanySignIn.reason("<script>")).isEqualTo("failed");
    }

    private static CompanySignInProperties properties(String issuer, boolean passwordsForEveryone) {
        return new CompanySignInProperties(issuer, "yekuo", null, List.of("openid"), "preferred_username", "name", List.of(),
                List.of(), null, passwordsForEveryone, Set.of("admin"));
    }
}
