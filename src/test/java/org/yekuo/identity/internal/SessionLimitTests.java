package org.yekuo.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.matchesPattern;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.concurrent.ThreadLocalRandom;

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
import org.yekuo.audit.AuditEntry;
import org.yekuo.audit.AuditTrail;

/**
 * R-X-2 and ARCHITECTURE 6b (MLPS 2.0 level 3: the concurrent sessions of one account are limited): an account holds at
 * most {@code yekuo.security.max-sessions} (2) sessions; the next sign-in ends the oldest, whose user is told at their
 * next request that the account signed in elsewhere and when, and each ending is audited. The count is kept in the
 * database, not in a node's memory: each MockMvc session below could be served by another node, as nothing but the
 * session's own ticket and the {@code staff_session} rows decide. Basic API calls are not counted.
 */
@SpringBootTest
@AutoConfigureMockMvc
class SessionLimitTests {

    private static final String PASSWORD = "Yekuo@2026";

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    AuditTrail audit;

    @Autowired
    SessionLimit limit;

    private String username;

    /** A clerk's account as an administrator would create it: not one of the demo's shared accounts. */
    @BeforeEach
    void createClerk() {
        username = "clerk.sessions." + ThreadLocalRandom.current().nextInt(1_000_000);
        jdbc.sql("""
                insert into staff (username, display_name, password_hash, org_unit_id, enabled, created_at)
                select ?, display_name, password_hash, org_unit_id, true, created_at from staff where username = 'clerk'""")
                .param(username).update();
        jdbc.sql("insert into staff_role (staff_id, role_code) select id, 'CLERK' from staff where username = ?").param(username).update();
    }

    @AfterEach
    void removeClerk() {
        long id = jdbc.sql("select id from staff where username = ?").param(username).query(Long.class).single();
        jdbc.sql("delete from staff_session where staff_id = ?").param(id).update();
        jdbc.sql("delete from staff_role where staff_id = ?").param(id).update();
        jdbc.sql("delete from staff where id = ?").param(id).update();
    }

    @Test
    @DisplayName("R-X-2 6b a third sign-in ends the oldest of two sessions: its page leads to the sign-in page saying the "
            + "account signed in elsewhere and when, its API call gets a problem, the two newest go on, each ending is audited")
    void theOldestSessionEndsBeyondTheLimit() throws Exception {
        assertThat(limit.maxSessions()).isEqualTo(2);
        MockHttpSession first = page(signIn());
        MockHttpSession second = page(signIn());
        MockHttpSession third = page(signIn());

        String signInPage = mvc.perform(get("/tasks").session(first))
                .andExpect(redirectedUrlPattern("/login?superseded=*"))
                .andReturn().getResponse().getRedirectedUrl();
        assertThat(first.isInvalid()).as("the ended session is gone from its node too").isTrue();
        mvc.perform(get(signInPage)).andExpect(status().isOk())
                .andExpect(content().string(containsString("data-testid=\"login-superseded\"")))
                .andExpect(content().string(containsString("在另一处登录")))
                .andExpect(content().string(matchesPattern("(?s).*\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}.*")));
        mvc.perform(get("/tasks").session(second)).andExpect(status().isOk());
        mvc.perform(get("/tasks").session(third)).andExpect(status().isOk());

        MockHttpSession fourth = page(signIn());
        mvc.perform(get("/api/tasks").session(second))
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.code").value("security.session-superseded"));
        mvc.perform(get("/api/tasks").session(third)).andExpect(status().isOk());
        mvc.perform(get("/api/tasks").session(fourth)).andExpect(status().isOk());

        assertThat(audit.forSubject("security", username)).filteredOn(e -> e.action().equals("session-superseded"))
                .hasSize(2).allMatch(e -> e.outcome() == AuditEntry.Outcome.SUCCESS);
        assertThat(jdbc.sql("""
                        select count(*) from staff_session s join staff f on f.id = s.staff_id
                         where f.username = ? and s.ended_at is null""").param(username).query(Long.class).single())
                .as("the database holds the count every node reads").isEqualTo(2);
    }

    @Test
    @DisplayName("R-X-2 signing out frees a place at once: after one of two sessions signs out, a new sign-in ends no one")
    void signingOutFreesAPlace() throws Exception {
        MockHttpSession first = page(signIn());
        MockHttpSession second = page(signIn());
        mvc.perform(post("/logout").session(first).with(csrf())).andExpect(redirectedUrl("/login?logout"));

        MockHttpSession third = page(signIn());
        mvc.perform(get("/tasks").session(second)).andExpect(status().isOk());
        mvc.perform(get("/tasks").session(third)).andExpect(status().isOk());
        assertThat(audit.forSubject("security", username)).noneMatch(e -> e.action().equals("session-superseded"));
    }

    @Test
    @DisplayName("R-X-2 Basic API calls hold no session and are not counted: after many of them both sessions go on")
    void basicCallsAreNotCounted() throws Exception {
        MockHttpSession first = page(signIn());
        for (int i = 0; i < 3; i++) {
            mvc.perform(get("/api/tasks").with(httpBasic(username, PASSWORD))).andExpect(status().isOk());
        }
        MockHttpSession second = page(signIn());
        mvc.perform(get("/tasks").session(first)).andExpect(status().isOk());
        mvc.perform(get("/tasks").session(second)).andExpect(status().isOk());
        assertThat(jdbc.sql("select count(*) from staff_session s join staff f on f.id = s.staff_id where f.username = ?")
                .param(username).query(Long.class).single()).isEqualTo(2);
    }

    @Test
    @DisplayName("R-X-2 the demo's shared accounts are waived outside prod: three sessions of the demo clerk all go on")
    void demoAccountsAreWaived() throws Exception {
        MockHttpSession[] sessions = new MockHttpSession[3];
        for (int i = 0; i < sessions.length; i++) {
            sessions[i] = (MockHttpSession) mvc.perform(formLogin().user("clerk").password(PASSWORD)).andExpect(redirectedUrl("/"))
                    .andReturn().getRequest().getSession();
            page(sessions[i]);
        }
        for (MockHttpSession session : sessions) {
            mvc.perform(get("/tasks").session(session)).andExpect(status().isOk());
        }
    }

    private MockHttpSession signIn() throws Exception {
        return (MockHttpSession) mvc.perform(formLogin().user(username).password(PASSWORD)).andExpect(redirectedUrl("/"))
                .andReturn().getRequest().getSession();
    }

    /** The first page after signing in, where the session starts to count. */
    private MockHttpSession page(MockHttpSession session) throws Exception {
        mvc.perform(get("/tasks").session(session)).andExpect(status().isOk());
        return session;
    }
}
