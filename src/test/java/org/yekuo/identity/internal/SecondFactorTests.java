package org.yekuo.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.yekuo.audit.AuditEntry;
import org.yekuo.audit.AuditTrail;

/**
 * R-X-2 and ARCHITECTURE 6b (MLPS 2.0 level 3: administrators and auditors use a second factor): an account that needs
 * one opens nothing with its password alone — neither a page nor, by HTTP Basic, the API — until it enrolled an
 * authenticator and enters its codes, each accepted once; wrong codes lock the account like wrong passwords; recovery
 * codes work once; a security administrator resets a lost factor, a privileged account's only with a second one.
 */
@SpringBootTest
@AutoConfigureMockMvc
class SecondFactorTests {

    private static final String PASSWORD = "Yekuo@2026";
    private static final Pattern SECRET = Pattern.compile("data-testid=\"totp-secret\">([A-Z2-7 ]+)<");
    private static final Pattern RECOVERY_CODE = Pattern.compile("<li>([a-z2-9]{5}-[a-z2-9]{5})</li>");

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    AuditTrail audit;

    private String username;

    /** A leader's account as a security administrator would create it after this change: not one of the demo's. */
    @BeforeEach
    void createLeader() {
        username = "leader.totp." + ThreadLocalRandom.current().nextInt(1_000_000);
        jdbc.sql("""
                insert into staff (username, display_name, password_hash, org_unit_id, enabled, created_at, second_factor_waived)
                select ?, display_name, password_hash, org_unit_id, true, created_at, false from staff where username = 'leader'""")
                .param(username).update();
        jdbc.sql("insert into staff_role (staff_id, role_code) select id, 'LEADER' from staff where username = ?").param(username).update();
    }

    @AfterEach
    void removeLeader() {
        long id = staffId(username);
        jdbc.sql("delete from staff_recovery_code where staff_id = ?").param(id).update();
        jdbc.sql("delete from staff_second_factor where staff_id = ?").param(id).update();
        jdbc.sql("delete from staff_password_history where staff_id = ?").param(id).update();
        jdbc.sql("delete from staff_role where staff_id = ?").param(id).update();
        jdbc.sql("delete from staff where id = ?").param(id).update();
    }

    @Test
    @DisplayName("R-X-2 6b a leader created now enrols at the first sign-in: the password alone opens no page and no API call, "
            + "the QR code and the secret enrol the app, the first code confirms it and ten recovery codes are shown once")
    void passwordAloneOpensNothingUntilEnrolled() throws Exception {
        MockHttpSession session = signIn();
        mvc.perform(get("/").session(session)).andExpect(redirectedUrl("/login/second-factor"));
        mvc.perform(get("/orders").session(session)).andExpect(redirectedUrl("/login/second-factor"));
        mvc.perform(get("/api/tasks").session(session))
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.code").value("signin.totp.api-refused"));
        // R-X-2: HTTP Basic carries no code, so the API is no way around the second factor.
        mvc.perform(get("/api/tasks").with(httpBasic(username, PASSWORD)))
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.code").value("signin.totp.api-refused"));

        String page = mvc.perform(get("/login/second-factor").session(session)).andExpect(status().isOk())
                .andExpect(content().string(containsString("<svg"))).andReturn().getResponse().getContentAsString();
        String secret = secret(page);
        assertThat(mvc.perform(get("/login/second-factor").session(session)).andReturn().getResponse().getContentAsString())
                .as("reloading shows the same secret").contains(Totp.grouped(secret));

        enrol(session, wrongCode(secret)).andExpect(status().isUnprocessableContent())
                .andExpect(content().string(containsString("data-testid=\"totp-error\"")));
        String codes = enrol(session, Totp.code(secret, Totp.step(Instant.now()))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(recoveryCodes(codes)).hasSize(10).doesNotHaveDuplicates();

        mvc.perform(get("/").session(session)).andExpect(status().isOk());
        mvc.perform(get("/api/tasks").session(session)).andExpect(status().isOk());
        mvc.perform(get("/api/tasks").with(httpBasic(username, PASSWORD))).andExpect(status().isUnauthorized());
        // R-X-3: the secret is sealed, the recovery codes kept only as hashes.
        String sealed = jdbc.sql("select secret_sealed from staff_second_factor where staff_id = ?").param(staffId(username))
                .query(String.class).single();
        assertThat(sealed).doesNotContain(secret);
        assertThat(jdbc.sql("select code_hash from staff_recovery_code where staff_id = ?").param(staffId(username))
                .query(String.class).list()).hasSize(10).noneMatch(hash -> recoveryCodes(codes).contains(hash));
        assertThat(audit.forSubject("security", username)).extracting(AuditEntry::action, AuditEntry::outcome)
                .contains(org.assertj.core.groups.Tuple.tuple("second-factor-enrolled", AuditEntry.Outcome.FAILURE),
                        org.assertj.core.groups.Tuple.tuple("second-factor-enrolled", AuditEntry.Outcome.SUCCESS));
    }

    @Test
    @DisplayName("R-X-2 6b a code is accepted once: replayed in a second sign-in it is refused, the next step's code passes")
    void aCodeIsAcceptedOnce() throws Exception {
        String secret = enrolled();
        long used = jdbc.sql("select last_step from staff_second_factor where staff_id = ?").param(staffId(username))
                .query(Long.class).single();

        MockHttpSession session = signIn();
        mvc.perform(get("/login/second-factor").session(session)).andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"totp-verify\"")))
                .andExpect(content().string(not(containsString("totp-secret"))));
        verify(session, Totp.code(secret, used)).andExpect(status().isUnprocessableContent());
        mvc.perform(get("/").session(session)).andExpect(redirectedUrl("/login/second-factor"));
        verify(session, Totp.code(secret, Totp.step(Instant.now()) + 1)).andExpect(redirectedUrl("/"));
        mvc.perform(get("/").session(session)).andExpect(status().isOk());
        assertThat(audit.forSubject("security", username)).extracting(AuditEntry::detail).contains("reason=code-reused");
    }

    @Test
    @DisplayName("R-X-2 6b five wrong codes lock the account as five wrong passwords do, and a right password alone does not "
            + "start the count afresh")
    void wrongCodesLockTheAccount() throws Exception {
        String secret = enrolled();
        MockHttpSession session = signIn();
        for (int i = 0; i < 3; i++) {
            verify(session, wrongCode(secret)).andExpect(status().isUnprocessableContent());
        }
        session = signIn();
        verify(session, wrongCode(secret)).andExpect(status().isUnprocessableContent());
        verify(session, wrongCode(secret)).andExpect(status().isForbidden())
                .andExpect(content().string(containsString("data-testid=\"totp-locked\"")));
        assertThat(jdbc.sql("select locked_until from staff where username = ?").param(username).query(Timestamp.class).single())
                .isNotNull();
        mvc.perform(formLogin().user(username).password(PASSWORD)).andExpect(redirectedUrl("/login?error"));
        assertThat(audit.forSubject("security", username)).extracting(AuditEntry::action).contains("account-locked");
    }

    @Test
    @DisplayName("R-X-2 6b a recovery code stands in for a lost phone once, and tells how many remain")
    void recoveryCodeWorksOnce() throws Exception {
        MockHttpSession first = signIn();
        String secret = secret(mvc.perform(get("/login/second-factor").session(first)).andReturn().getResponse().getContentAsString());
        List<String> codes = recoveryCodes(enrol(first, Totp.code(secret, Totp.step(Instant.now()))).andReturn().getResponse()
                .getContentAsString());

        MockHttpSession session = signIn();
        recover(session, codes.get(3).toUpperCase().replace("-", " ")).andExpect(status().isOk())
                .andExpect(content().string(containsString("data-testid=\"recovered\"")))
                .andExpect(content().string(containsString("9")));
        mvc.perform(get("/").session(session)).andExpect(status().isOk());

        MockHttpSession again = signIn();
        recover(again, codes.get(3)).andExpect(status().isUnprocessableContent())
                .andExpect(content().string(containsString("data-testid=\"recovery-error\"")));
        mvc.perform(get("/").session(again)).andExpect(redirectedUrl("/login/second-factor"));
    }

    @Test
    @DisplayName("R-X-2 R-X-3 the security administrator resets a leader's lost factor at once and an auditor's only with a "
            + "second security administrator; nobody resets their own; each step audited")
    void securityAdministratorResetsALostFactor() throws Exception {
        enrolled();
        mvc.perform(post("/api/identity/staff/{id}/second-factor/reset", staffId(username)).with(httpBasic("secadmin", PASSWORD)))
                .andExpect(status().isNoContent());
        assertThat(jdbc.sql("select count(*) from staff_second_factor where staff_id = ?").param(staffId(username))
                .query(Integer.class).single()).isZero();
        assertThat(jdbc.sql("select count(*) from staff_recovery_code where staff_id = ?").param(staffId(username))
                .query(Integer.class).single()).isZero();
        MockHttpSession session = signIn();
        mvc.perform(get("/login/second-factor").session(session)).andExpect(content().string(containsString("totp-secret")));
        assertThat(audit.forSubject("staff", username)).extracting(AuditEntry::action, AuditEntry::actor)
                .contains(org.assertj.core.groups.Tuple.tuple("staff.second-factor-reset", "secadmin"));

        mvc.perform(post("/api/identity/staff/{id}/second-factor/reset", staffId("auditor")).with(httpBasic("secadmin", PASSWORD)))
                .andExpect(status().isAccepted())
                .andExpect(jsonPath("$.kind").value("SECOND_FACTOR"))
                .andExpect(jsonPath("$.status").value("PENDING"));
        long change = jdbc.sql("select max(id) from staff_change_request where username = 'auditor' and kind = 'SECOND_FACTOR'")
                .query(Long.class).single();
        mvc.perform(post("/api/identity/staff-changes/{id}/approval", change).with(httpBasic("secadmin", PASSWORD)))
                .andExpect(status().isForbidden());
        mvc.perform(post("/api/identity/staff-changes/{id}/approval", change).with(httpBasic("secadmin.b", PASSWORD)))
                .andExpect(status().isOk()).andExpect(jsonPath("$.status").value("APPROVED"));

        mvc.perform(post("/api/identity/staff/{id}/second-factor/reset", staffId("secadmin")).with(httpBasic("secadmin", PASSWORD)))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.code").value("account.totp.reset-own"));
        mvc.perform(post("/api/identity/staff/{id}/second-factor/reset", staffId(username)).with(httpBasic("admin", PASSWORD)))
                .andExpect(status().isForbidden());
    }

    @Test
    @DisplayName("6b a reset password is changed after the code, and the new password asks for no second code in that session")
    void passwordChangeAfterTheCodeKeepsTheCodeProven() throws Exception {
        String secret = enrolled();
        jdbc.sql("update staff set password_must_change = true where username = ?").param(username).update();
        MockHttpSession session = signIn();
        mvc.perform(get("/").session(session)).andExpect(redirectedUrl("/login/second-factor"));
        verify(session, Totp.code(secret, Totp.step(Instant.now()) + 1)).andExpect(redirectedUrl("/"));
        mvc.perform(get("/").session(session)).andExpect(redirectedUrl("/account/password"));
        mvc.perform(post("/account/password").session(session).with(csrf()).param("currentPassword", PASSWORD)
                .param("password", "Second#2026f").param("confirmation", "Second#2026f")).andExpect(redirectedUrl("/account/password"));
        mvc.perform(get("/").session(session)).andExpect(status().isOk());
    }

    @Test
    @DisplayName("6b the demo's accounts sign in with their printed password alone; the clerk never meets a second factor")
    void demoAccountsAreWaived() throws Exception {
        for (String demo : List.of("admin", "leader", "clerk")) {
            MockHttpSession session = (MockHttpSession) mvc.perform(formLogin().user(demo).password(PASSWORD))
                    .andExpect(redirectedUrl("/")).andReturn().getRequest().getSession();
            mvc.perform(get("/").session(session)).andExpect(status().isOk());
        }
        mvc.perform(get("/api/tasks").with(httpBasic("leader", PASSWORD))).andExpect(status().isOk());
    }

    /** Enrols the leader's authenticator and returns its secret. */
    private String enrolled() throws Exception {
        MockHttpSession session = signIn();
        String secret = secret(mvc.perform(get("/login/second-factor").session(session)).andReturn().getResponse().getContentAsString());
        enrol(session, Totp.code(secret, Totp.step(Instant.now()))).andExpect(status().isOk());
        return secret;
    }

    private MockHttpSession signIn() throws Exception {
        return (MockHttpSession) mvc.perform(formLogin().user(username).password(PASSWORD)).andExpect(redirectedUrl("/"))
                .andReturn().getRequest().getSession();
    }

    private ResultActions enrol(MockHttpSession session, String code) throws Exception {
        return mvc.perform(post("/login/second-factor/enrolment").session(session).with(csrf()).param("code", code));
    }

    private ResultActions verify(MockHttpSession session, String code) throws Exception {
        return mvc.perform(post("/login/second-factor").session(session).with(csrf()).param("code", code));
    }

    private ResultActions recover(MockHttpSession session, String code) throws Exception {
        return mvc.perform(post("/login/second-factor/recovery").session(session).with(csrf()).param("recoveryCode", code));
    }

    private static String secret(String page) {
        Matcher matcher = SECRET.matcher(page);
        assertThat(matcher.find()).as("the enrolment page shows the secret").isTrue();
        return matcher.group(1).replace(" ", "");
    }

    private static List<String> recoveryCodes(String page) {
        List<String> codes = new ArrayList<>();
        Matcher matcher = RECOVERY_CODE.matcher(page);
        while (matcher.find()) {
            codes.add(matcher.group(1));
        }
        return codes;
    }

    /** A code no step of the window accepts. */
    private static String wrongCode(String secret) {
        long now = Totp.step(Instant.now());
        for (int candidate = 0; ; candidate++) {
            String code = String.format("%06d", candidate);
            boolean anyStep = false;
            for (long step = now - 2; step <= now + 2; step++) {
                anyStep |= Totp.code(secret, step).equals(code);
            }
            if (!anyStep) {
                return code;
            }
        }
    }

    private long staffId(String user) {
        return jdbc.sql("select id from staff where username = ?").param(user).query(Long.class).single();
    }
}
