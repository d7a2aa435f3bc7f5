package org.yekuo.identity.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.yekuo.audit.AuditEntry;
import org.yekuo.audit.AuditTrail;

import com.jayway.jsonpath.JsonPath;

/**
 * R-X-2 R-X-3 and ARCHITECTURE 6b: no security administrator alone creates or changes a system, security or audit
 * administrator's account; a password someone else set, or one that expired, must be replaced before anything else, and
 * never by one of the last five.
 */
@SpringBootTest
@AutoConfigureMockMvc
class AccountSafetyTests {

    private static final String PASSWORD = "Yekuo@2026";
    private static final String TEMPORARY = "Station#2026";

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    AuditTrail audit;

    @Test
    @DisplayName("R-X-3 6b an ADMIN account asked for by one security administrator exists only once a second one approves; "
            + "the requester cannot approve it, each step audited")
    void privilegedAccountNeedsASecondSecurityAdministrator() throws Exception {
        String username = StaffApiTests.uniqueUsername();
        String pending = create("secadmin", username, "[\"ADMIN\"]")
                .andExpect(status().isAccepted())
                .andExpect(jsonPath("$.kind").value("CREATE"))
                .andExpect(jsonPath("$.status").value("PENDING"))
                .andExpect(jsonPath("$.requestedBy").value("secadmin"))
                .andReturn().getResponse().getContentAsString();
        assertThat(pending).doesNotContain(TEMPORARY).doesNotContain("password");
        long change = ((Number) JsonPath.read(pending, "$.id")).longValue();
        assertThat(staffCount(username)).isZero();
        mvc.perform(get("/api/identity/org-units").with(httpBasic(username, TEMPORARY))).andExpect(status().isUnauthorized());

        mvc.perform(get("/api/identity/staff-changes").with(httpBasic("secadmin.b", PASSWORD)))
                .andExpect(jsonPath("$[?(@.id == " + change + ")].username").value(Matchers.contains(username)));
        mvc.perform(post("/api/identity/staff-changes/{id}/approval", change).with(httpBasic("secadmin", PASSWORD)))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.code").value("staff.change.own-request"));
        mvc.perform(post("/api/identity/staff-changes/{id}/approval", change).with(httpBasic("admin", PASSWORD)))
                .andExpect(status().isForbidden());
        assertThat(staffCount(username)).isZero();

        mvc.perform(post("/api/identity/staff-changes/{id}/approval", change).with(httpBasic("secadmin.b", PASSWORD)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("APPROVED"))
                .andExpect(jsonPath("$.decidedBy").value("secadmin.b"));
        mvc.perform(post("/api/identity/staff-changes/{id}/approval", change).with(httpBasic("secadmin.b", PASSWORD)))
                .andExpect(status().isNotFound());
        assertThat(staffCount(username)).isEqualTo(1);
        assertThat(audit.forSubject("staff", username)).extracting(AuditEntry::action)
                .containsExactly("staff.change-requested", "staff.change-approved", "staff.created");
        assertThat(audit.forSubject("staff", username)).extracting(AuditEntry::actor)
                .containsExactly("secadmin", "secadmin.b", "secadmin.b");
    }

    @Test
    @DisplayName("R-X-3 6b the security administrator alone neither resets the auditor's password nor makes a clerk an "
            + "administrator: both wait, and a turned-down change changes nothing")
    void changesToPrivilegedAccountsWait() throws Exception {
        long auditor = staffId("auditor");
        String hash = passwordHash("auditor");
        mvc.perform(put("/api/identity/staff/{id}/password", auditor).with(httpBasic("secadmin", PASSWORD))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"password\":\"" + TEMPORARY + "\"}"))
                .andExpect(status().isAccepted())
                .andExpect(jsonPath("$.kind").value("PASSWORD"));
        assertThat(passwordHash("auditor")).isEqualTo(hash);

        String username = StaffApiTests.uniqueUsername();
        long clerk = ((Number) JsonPath.read(create("secadmin", username, "[\"CLERK\"]").andExpect(status().isCreated())
                .andReturn().getResponse().getContentAsString(), "$.id")).longValue();
        String filed = mvc.perform(put("/api/identity/staff/{id}/roles", clerk).with(httpBasic("secadmin", PASSWORD))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"roles\":[\"ADMIN\"]}"))
                .andExpect(status().isAccepted())
                .andReturn().getResponse().getContentAsString();
        long change = ((Number) JsonPath.read(filed, "$.id")).longValue();
        mvc.perform(post("/api/identity/staff-changes/{id}/rejection", change).with(httpBasic("secadmin.b", PASSWORD)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("REJECTED"));
        assertThat(jdbc.sql("select r.role_code from staff_role r where r.staff_id = ?").param(clerk).query(String.class).list())
                .containsExactly("CLERK");
        assertThat(audit.forSubject("staff", username)).extracting(AuditEntry::action)
                .containsExactly("staff.created", "staff.change-requested", "staff.change-rejected");
    }

    @Test
    @DisplayName("R-X-2 6b a reset password must be changed at the next sign-in: pages lead to the password page, the API "
            + "answers 403 saying why, and the new password works where the old one no longer does")
    void resetPasswordMustBeChangedAtNextSignIn() throws Exception {
        String username = newClerk();
        mvc.perform(put("/api/identity/staff/{id}/password", staffId(username)).with(httpBasic("secadmin", PASSWORD))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"password\":\"Reset#2026x\"}"))
                .andExpect(status().isNoContent());

        mvc.perform(get("/api/tasks").with(httpBasic(username, "Reset#2026x")))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.code").value("security.password-change-required"));
        MockHttpSession session = signIn(username, "Reset#2026x");
        mvc.perform(get("/tasks").session(session)).andExpect(redirectedUrl("/account/password"));
        mvc.perform(get("/account/password").session(session)).andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("data-testid=\"password-required\"")));

        changePassword(session, "wrong", "Fresh#2026a", "Fresh#2026a")
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().string(Matchers.containsString("data-testid=\"error-currentPassword\"")));
        changePassword(session, "Reset#2026x", "Fresh#2026a", "Fresh#2026b")
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().string(Matchers.containsString("data-testid=\"error-confirmation\"")));
        changePassword(session, "Reset#2026x", "Fresh#2026a", "Fresh#2026a").andExpect(redirectedUrl("/account/password"));

        mvc.perform(get("/tasks").session(session)).andExpect(status().isOk());
        mvc.perform(get("/api/tasks").with(httpBasic(username, "Fresh#2026a"))).andExpect(status().isOk());
        mvc.perform(get("/api/tasks").with(httpBasic(username, "Reset#2026x"))).andExpect(status().isUnauthorized());
        assertThat(audit.forSubject("staff", username)).extracting(AuditEntry::action).contains("staff.password-changed");
    }

    @Test
    @DisplayName("6b a password older than 90 days must be changed, and none of the last 5 passwords may come back")
    void expiredPasswordMustBeChangedAndHistoryIsKept() throws Exception {
        String username = newClerk();
        jdbc.sql("update staff set password_changed_at = ? where username = ?")
                .params(Timestamp.from(Instant.now().minus(Duration.ofDays(91))), username).update();
        MockHttpSession session = signIn(username, TEMPORARY);
        mvc.perform(get("/orders").session(session)).andExpect(redirectedUrl("/account/password"));

        String current = TEMPORARY;
        for (int i = 1; i <= 4; i++) {
            String next = "Rotate#2026" + i;
            changePassword(session, current, next, next).andExpect(redirectedUrl("/account/password"));
            current = next;
        }
        // Five passwords so far: the first and the current one are both among the last five.
        for (String earlier : new String[] {TEMPORARY, "Rotate#20262", current}) {
            changePassword(session, current, earlier, earlier)
                    .andExpect(status().isUnprocessableContent())
                    .andExpect(content().string(Matchers.containsString("data-testid=\"error-password\"")));
        }
        changePassword(session, current, "Rotate#20265", "Rotate#20265").andExpect(redirectedUrl("/account/password"));
        changePassword(session, "Rotate#20265", TEMPORARY, TEMPORARY).andExpect(redirectedUrl("/account/password"));
        mvc.perform(get("/orders").session(session)).andExpect(status().isOk());
    }

    @Test
    @DisplayName("6b demo accounts are not sent to change their password, and the approvals page lists waiting changes")
    void demoAccountsWorkAndTheApprovalsPageShowsWaitingChanges() throws Exception {
        MockHttpSession clerk = signIn("clerk", PASSWORD);
        mvc.perform(get("/tasks").session(clerk)).andExpect(status().isOk());

        String username = StaffApiTests.uniqueUsername();
        create("secadmin", username, "[\"AUDITOR\"]").andExpect(status().isAccepted());
        MockHttpSession second = signIn("secadmin.b", PASSWORD);
        mvc.perform(get("/staff/approvals").session(second)).andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString(username)))
                .andExpect(content().string(Matchers.containsString("/approve\"")));
        mvc.perform(get("/staff/approvals").session(signIn("auditor", PASSWORD))).andExpect(status().isForbidden());
    }

    private ResultActions create(String actor, String username, String roles) throws Exception {
        long unit = jdbc.sql("select id from org_unit where code = 'YK-EAST-BIZ'").query(Long.class).single();
        return mvc.perform(post("/api/identity/staff").with(httpBasic(actor, PASSWORD)).contentType(MediaType.APPLICATION_JSON)
                .content("{\"username\":\"" + username + "\",\"displayName\":\"Test " + username + "\",\"orgUnitId\":" + unit
                        + ",\"roles\":" + roles + ",\"password\":\"" + TEMPORARY + "\"}"));
    }

    private String newClerk() throws Exception {
        String username = StaffApiTests.uniqueUsername();
        create("secadmin", username, "[\"CLERK\"]").andExpect(status().isCreated());
        return username;
    }

    private MockHttpSession signIn(String username, String password) throws Exception {
        return (MockHttpSession) mvc.perform(formLogin().user(username).password(password)).andExpect(status().is3xxRedirection())
                .andReturn().getRequest().getSession();
    }

    private ResultActions changePassword(MockHttpSession session, String current, String password, String confirmation)
            throws Exception {
        return mvc.perform(post("/account/password").session(session).with(csrf()).param("currentPassword", current)
                .param("password", password).param("confirmation", confirmation));
    }

    private long staffCount(String username) {
        return jdbc.sql("select count(*) from staff where username = ?").param(username).query(Long.class).single();
    }

    private long staffId(String username) {
        return jdbc.sql("select id from staff where username = ?").param(username).query(Long.class).single();
    }

    private String passwordHash(String username) {
        return jdbc.sql("select password_hash from staff where username = ?").param(username).query(String.class).single();
    }
}
