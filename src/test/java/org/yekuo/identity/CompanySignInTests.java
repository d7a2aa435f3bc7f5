package org.yekuo.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.test.web.servlet.MockMvc;
import org.yekuo.support.TestIdentityProvider;
import org.yekuo.support.TestIdentityProvider.IdToken;

/**
 * R-X-7 single sign-on: staff sign in with the company account at the utility's OpenID provider (a real Spring
 * Authorization Server started by the tests) by authorization code with PKCE; the provider's groups and department
 * give their Yekuo roles and unit; a token for another audience, an expired token or an account without a mapped
 * role is refused with a clear word and an audit record; signing out ends the provider's session too. The browser
 * at the provider is an HTTP client following its real redirects; Yekuo's side runs in MockMvc under the same host.
 */
@SpringBootTest
@AutoConfigureMockMvc
class CompanySignInTests {

    private static final String YEKUO = TestIdentityProvider.YEKUO;

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @BeforeAll
    static void startProvider() {
        TestIdentityProvider.start();
    }

    @Test
    @DisplayName("R-X-7 a company account signs in by code and PKCE and gets the roles and unit its groups and department map to")
    void companyAccountSignsInWithMappedRolesAndUnit() throws Exception {
        mvc.perform(get(YEKUO + "/login")).andExpect(status().isOk())
                .andExpect(content().string(containsString("用公司账号登录")));
        CompanyBrowser browser = new CompanyBrowser();
        MockHttpSession session = new MockHttpSession();
        String authorize = browser.startAtYekuo(session);
        assertThat(authorize).startsWith(TestIdentityProvider.ISSUER + "/oauth2/authorize")
                .contains("code_challenge=").contains("code_challenge_method=S256").contains("nonce=");
        String callback = browser.signInAtProvider(authorize, "zhang.wei");
        mvc.perform(get(URI.create(callback)).session(session)).andExpect(redirectedUrl("/"));

        mvc.perform(get(YEKUO + "/").session(session)).andExpect(status().isOk()).andExpect(content().string(containsString("张伟")));
        assertThat(roles("zhang.wei")).containsExactly("CLERK", "SURVEYOR");
        assertThat(jdbc.sql("select o.code from staff s join org_unit o on o.id = s.org_unit_id where s.username = 'zhang.wei'")
                .query(String.class).single()).isEqualTo("YK-EAST-BIZ");
        assertThat(audited("zhang.wei", "company-account-created", "SUCCESS")).isEqualTo(1);
        long logins = audited("zhang.wei", "company-login", "SUCCESS");
        assertThat(logins).isGreaterThanOrEqualTo(1);

        // The second sign-in finds the same record: no second account, one more audited sign-in.
        MockHttpSession again = new MockHttpSession();
        String second = new CompanyBrowser().signInAtProvider(new CompanyBrowser().startAtYekuo(again), "zhang.wei");
        mvc.perform(get(URI.create(second)).session(again)).andExpect(redirectedUrl("/"));
        assertThat(jdbc.sql("select count(*) from staff where username = 'zhang.wei'").query(Long.class).single()).isEqualTo(1);
        assertThat(audited("zhang.wei", "company-account-created", "SUCCESS")).isEqualTo(1);
        assertThat(audited("zhang.wei", "company-login", "SUCCESS")).isEqualTo(logins + 1);
    }

    @Test
    @DisplayName("R-X-7 an ID token issued for another audience is refused with a clear word and an audit record")
    void idTokenForAnotherAudienceIsRefused() throws Exception {
        refusedToken(IdToken.WRONG_AUDIENCE);
    }

    @Test
    @DisplayName("R-X-7 an expired ID token is refused with a clear word and an audit record")
    void expiredIdTokenIsRefused() throws Exception {
        refusedToken(IdToken.EXPIRED);
    }

    @Test
    @DisplayName("R-X-7 a company account whose groups map to no role is refused, gets no account and is told whom to ask")
    void accountWithoutMappedRoleIsRefused() throws Exception {
        CompanyBrowser browser = new CompanyBrowser();
        MockHttpSession session = new MockHttpSession();
        String callback = browser.signInAtProvider(browser.startAtYekuo(session), "li.na");
        mvc.perform(get(URI.create(callback)).session(session)).andExpect(redirectedUrl("/login?company=no-mapped-role"));
        mvc.perform(get(YEKUO + "/").session(session).accept("text/html")).andExpect(redirectedUrl("/login"));
        mvc.perform(get(YEKUO + "/login?company=no-mapped-role")).andExpect(content().string(containsString("尚未开通业扩系统的角色")));
        assertThat(jdbc.sql("select count(*) from staff where username = 'li.na'").query(Long.class).single()).isZero();
        assertThat(jdbc.sql("select count(*) from audit_record where actor = 'li.na' and action = 'company-login' and outcome = 'FAILURE' and detail = 'reason=no-mapped-role'")
                .query(Long.class).single()).isEqualTo(1);
    }

    @Test
    @DisplayName("R-X-7 signing out ends Yekuo's session and the provider's (RP-initiated logout) and comes back to the sign-in page")
    void signingOutEndsBothSessions() throws Exception {
        CompanyBrowser browser = new CompanyBrowser();
        MockHttpSession session = new MockHttpSession();
        mvc.perform(get(URI.create(browser.signInAtProvider(browser.startAtYekuo(session), "wang.fang"))).session(session)).andExpect(redirectedUrl("/"));
        // While the provider's session lasts, it sends the browser straight back with a code, asking nothing.
        assertThat(browser.visit(browser.startAtYekuo(new MockHttpSession())).headers().firstValue("Location"))
                .hasValueSatisfying(to -> assertThat(to).startsWith(YEKUO + "/login/oauth2/code/company?code="));

        String endSession = mvc.perform(post(YEKUO + "/logout").session(session).with(csrf())).andExpect(status().is3xxRedirection())
                .andReturn().getResponse().getRedirectedUrl();
        assertThat(endSession).startsWith(TestIdentityProvider.ISSUER + "/connect/logout").contains("id_token_hint=")
                .contains("post_logout_redirect_uri=");
        HttpResponse<String> back = browser.visit(endSession);
        assertThat(back.headers().firstValue("Location")).hasValue(YEKUO + "/login?logout");
        mvc.perform(get(YEKUO + "/").session(session).accept("text/html")).andExpect(redirectedUrl("/login"));

        // The provider asks for the password again: its session has ended too.
        String authorize = browser.startAtYekuo(new MockHttpSession());
        HttpResponse<String> atProvider = browser.visit(authorize);
        assertThat(atProvider.headers().firstValue("Location")).hasValueSatisfying(to -> assertThat(to).endsWith("/login"));
    }

    @Test
    @DisplayName("R-X-7 the provider ending a company session (back-channel logout) ends Yekuo's session at its next request, "
            + "with an audit record; a forged logout token ends nothing")
    void providerEndingTheSessionEndsYekuos() throws Exception {
        CompanyBrowser browser = new CompanyBrowser();
        MockHttpSession session = new MockHttpSession();
        mvc.perform(get(URI.create(browser.signInAtProvider(browser.startAtYekuo(session), "zhang.wei"))).session(session))
                .andExpect(redirectedUrl("/"));
        OidcIdToken idToken = ((OidcUser) ((SecurityContext) session.getAttribute(
                HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY)).getAuthentication().getPrincipal()).getIdToken();
        assertThat(idToken.getClaimAsString("sid")).as("the provider names its session").isNotBlank();
        String backChannel = YEKUO + "/logout/connect/back-channel/company";

        // A token not signed by the provider is refused and changes nothing.
        mvc.perform(post(backChannel).param("logout_token", TestIdentityProvider.logoutToken(idToken.getSubject(), null, true)))
                .andExpect(status().isBadRequest());
        mvc.perform(get(YEKUO + "/").session(session)).andExpect(status().isOk());
        // Another account's session ending leaves this one alone.
        mvc.perform(post(backChannel).param("logout_token", TestIdentityProvider.logoutToken("someone-else", null, false)))
                .andExpect(status().isOk());
        mvc.perform(get(YEKUO + "/").session(session)).andExpect(status().isOk());

        long ended = audited("zhang.wei", "company-session-ended", "SUCCESS") + audited("zhang.wei", "company-sessions-ended", "SUCCESS");
        mvc.perform(post(backChannel).param("logout_token", TestIdentityProvider.logoutToken(idToken.getSubject(),
                idToken.getClaimAsString("sid"), false))).andExpect(status().isOk());
        mvc.perform(get(YEKUO + "/").session(session).accept("text/html")).andExpect(redirectedUrl("/login?company=ended"));
        assertThat(session.isInvalid()).isTrue();
        mvc.perform(get(YEKUO + "/login?company=ended")).andExpect(content().string(containsString("本系统的登录也已结束")));
        assertThat(audited("zhang.wei", "company-session-ended", "SUCCESS") + audited("zhang.wei", "company-sessions-ended", "SUCCESS"))
                .isEqualTo(ended + 1);

        // Signing in again afterwards, in a new session at the provider, works.
        MockHttpSession again = new MockHttpSession();
        CompanyBrowser later = new CompanyBrowser();
        mvc.perform(get(URI.create(later.signInAtProvider(later.startAtYekuo(again), "zhang.wei"))).session(again))
                .andExpect(redirectedUrl("/"));
        mvc.perform(get(YEKUO + "/").session(again)).andExpect(status().isOk());
    }

    private void refusedToken(IdToken fault) throws Exception {
        CompanyBrowser browser = new CompanyBrowser();
        MockHttpSession session = new MockHttpSession();
        String callback = browser.signInAtProvider(browser.startAtYekuo(session), "wang.fang");
        long refused = jdbc.sql("select count(*) from audit_record where action = 'company-login' and detail = 'reason=invalid_id_token'")
                .query(Long.class).single();
        TestIdentityProvider.nextIdToken.set(fault);
        mvc.perform(get(URI.create(callback)).session(session)).andExpect(redirectedUrl("/login?company=invalid-token"));
        assertThat(TestIdentityProvider.nextIdToken.get()).as("the provider issued the faulty token").isEqualTo(IdToken.GOOD);
        mvc.perform(get(YEKUO + "/").session(session).accept("text/html")).andExpect(redirectedUrl("/login"));
        mvc.perform(get(YEKUO + "/login?company=invalid-token")).andExpect(content().string(containsString("无效或已过期")));
        assertThat(jdbc.sql("select count(*) from audit_record where action = 'company-login' and detail = 'reason=invalid_id_token' and outcome = 'FAILURE'")
                .query(Long.class).single()).isEqualTo(refused + 1);
    }

    private List<String> roles(String username) {
        return jdbc.sql("select r.role_code from staff_role r join staff s on s.id = r.staff_id where s.username = ? order by r.role_code")
                .param(username).query(String.class).list();
    }

    private long audited(String actor, String action, String outcome) {
        return jdbc.sql("select count(*) from audit_record where actor = ? and action = ? and outcome = ?")
                .params(actor, action, outcome).query(Long.class).single();
    }

    /** A member of staff's browser: MockMvc on Yekuo's side, a real HTTP client with cookies at the provider. */
    private final class CompanyBrowser {

        private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();

        /** Clicks "sign in with the company account" and returns the provider's authorization address Yekuo sends to. */
        String startAtYekuo(MockHttpSession session) throws Exception {
            mvc.perform(get(YEKUO + "/login/company").session(session)).andExpect(redirectedUrl("/oauth2/authorization/company"));
            return mvc.perform(get(YEKUO + "/oauth2/authorization/company").session(session)).andExpect(status().is3xxRedirection())
                    .andReturn().getResponse().getRedirectedUrl();
        }

        /** Follows the provider's redirects, signs in with the account's password there and returns Yekuo's callback. */
        String signInAtProvider(String authorize, String account) throws Exception {
            HttpResponse<String> response = visit(authorize);
            if (response.headers().firstValue("Location").orElse("").endsWith("/login")) {
                HttpResponse<String> form = visit(TestIdentityProvider.ISSUER + "/login");
                Matcher token = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(form.body());
                assertThat(token.find()).as("the provider's sign-in form").isTrue();
                String body = "username=" + account + "&password=" + TestIdentityProvider.PASSWORD + "&_csrf="
                        + URLEncoder.encode(token.group(1), StandardCharsets.UTF_8);
                HttpResponse<String> signedIn = http.send(HttpRequest.newBuilder(URI.create(TestIdentityProvider.ISSUER + "/login"))
                        .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "text/html")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                response = visit(absolute(signedIn.headers().firstValue("Location").orElseThrow()));
            }
            String callback = response.headers().firstValue("Location").orElseThrow();
            assertThat(callback).startsWith(YEKUO + "/login/oauth2/code/company?code=");
            return callback;
        }

        HttpResponse<String> visit(String address) throws IOException, InterruptedException {
            return http.send(HttpRequest.newBuilder(URI.create(address)).header("Accept", "text/html").GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        private String absolute(String location) {
            return location.startsWith("/") ? TestIdentityProvider.ISSUER + location : location;
        }
    }
}
