package org.yekuo.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.yekuo.audit.AuditTrail;

/**
 * R-X-2 (resource exhaustion, ARCHITECTURE 6b): failed sign-ins are throttled per client address before they reach the
 * account's lock-out and the audit log, so that nobody locks someone else's account, or floods the log, from one address.
 */
@SpringBootTest
@AutoConfigureMockMvc
class SignInThrottleTests {

    private static final String PASSWORD = "Yekuo@2026";

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    AuditTrail audit;

    private String username;
    private String attacker;
    private long auditMark;

    @BeforeEach
    void createTarget() {
        username = "throttle.target." + ThreadLocalRandom.current().nextInt(1_000_000);
        attacker = "10.66." + ThreadLocalRandom.current().nextInt(256) + "." + ThreadLocalRandom.current().nextInt(1, 255);
        jdbc.sql("""
                insert into staff (username, display_name, password_hash, org_unit_id, enabled, created_at)
                select ?, display_name, password_hash, org_unit_id, true, created_at from staff where username = 'dispatch'""")
                .param(username).update();
        jdbc.sql("insert into staff_role (staff_id, role_code) select id, 'REVIEWER_DISPATCH' from staff where username = ?")
                .param(username).update();
        auditMark = jdbc.sql("select coalesce(max(seq), 0) from audit_record").query(Long.class).single();
    }

    @AfterEach
    void removeTarget() {
        jdbc.sql("delete from staff_role where staff_id in (select id from staff where username = ?)").param(username).update();
        jdbc.sql("delete from staff where username = ?").param(username).update();
    }

    @Test
    @DisplayName("R-X-2 locking someone else's account takes more than 5 requests from one address: the fifth failure is "
            + "refused unheard with 429, Retry-After and a problem document, the account stays open to its owner, and the "
            + "audit log holds four failures and one throttling")
    void oneAddressCannotLockSomeoneElsesAccount() throws Exception {
        for (int i = 0; i < 4; i++) {
            api(attacker, "wrong-" + i).andExpect(status().isUnauthorized());
        }
        for (String guess : new String[] {"wrong-4", "wrong-5", PASSWORD}) {
            api(attacker, guess)
                    .andExpect(status().isTooManyRequests())
                    .andExpect(header().string("Retry-After", org.hamcrest.Matchers.matchesPattern("\\d+")))
                    .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
                    .andExpect(jsonPath("$.code").value("signin.throttled"))
                    .andExpect(jsonPath("$.detail").value(containsString("Retry-After")));
        }

        assertThat(jdbc.sql("select failed_logins from staff where username = ?").param(username).query(Integer.class).single())
                .isEqualTo(4);
        assertThat(jdbc.sql("select locked_until from staff where username = ?").param(username).query(Timestamp.class).optional()
                .orElse(null)).isNull();
        assertThat(records("login")).isEqualTo(4);
        assertThat(records("sign-in-throttled")).isEqualTo(1);
        api("10.67.0.1", PASSWORD).andExpect(status().isOk());
        assertThat(jdbc.sql("select failed_logins from staff where username = ?").param(username).query(Integer.class).single()).isZero();
    }

    @Test
    @DisplayName("R-X-2 a throttled sign-in page says how many minutes to wait; a success from the address starts its count afresh")
    void throttledPageSaysHowLongToWait() throws Exception {
        for (int i = 0; i < 3; i++) {
            page(attacker, "wrong-" + i).andExpect(redirectedUrl("/login?error"));
        }
        page(attacker, PASSWORD).andExpect(redirectedUrl("/"));
        for (int i = 0; i < 4; i++) {
            page(attacker, "wrong-" + i).andExpect(redirectedUrl("/login?error"));
        }
        page(attacker, "wrong-4").andExpect(redirectedUrl("/login?throttled=15"));
        mvc.perform(get("/login").param("throttled", "15")).andExpect(status().isOk())
                .andExpect(content().string(containsString("data-testid=\"login-throttled\"")))
                .andExpect(content().string(containsString("请 15 分钟后再试")));
    }

    @Test
    @DisplayName("R-X-2 one address spraying one guess over many accounts is stopped at its budget in all, until the window passes")
    void sprayingFromOneAddressIsStopped() {
        MovableClock clock = new MovableClock(Instant.parse("2026-12-07T08:00:00Z"));
        SignInThrottle throttle = new SignInThrottle(new SignInThrottle.ThrottleProperties(true, 4, 30, Duration.ofMinutes(15)),
                clock, audit);
        for (int i = 0; i < 30; i++) {
            assertThat(throttle.admit("10.68.0.1", "spray." + i)).isPresent();
        }
        assertThatThrownBy(() -> throttle.admit("10.68.0.1", "spray.30")).isInstanceOf(SignInThrottle.Throttled.class)
                .satisfies(e -> assertThat(((SignInThrottle.Throttled) e).retryAfterSeconds()).isEqualTo(900));
        assertThat(throttle.admit("10.68.0.2", "spray.30")).as("another address").isPresent();
        assertThat(throttle.admit(null, "spray.30")).as("no web request, no address").isEmpty();

        clock.now = clock.now.plus(Duration.ofMinutes(15));
        assertThat(throttle.admit("10.68.0.1", "spray.30")).isPresent();
    }

    private ResultActions api(String address, String password) throws Exception {
        return mvc.perform(from(get("/api/tasks"), address).with(httpBasic(username, password)));
    }

    private ResultActions page(String address, String password) throws Exception {
        return mvc.perform(from(post("/login"), address).with(csrf()).param("username", username).param("password", password));
    }

    private static MockHttpServletRequestBuilder from(MockHttpServletRequestBuilder request, String address) {
        return request.with(r -> {
            r.setRemoteAddr(address);
            return r;
        });
    }

    private int records(String action) {
        return jdbc.sql("select count(*) from audit_record where seq > ? and action = ? and subject_id = ?")
                .params(auditMark, action, username).query(Integer.class).single();
    }

    /** A clock the test moves. */
    private static final class MovableClock extends Clock {

        Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
