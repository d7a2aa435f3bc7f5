package org.yekuo.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
import org.springframework.test.web.servlet.MvcResult;

/** R-X-2: the sign-in lock-out holds under parallel guesses, and refusals name no account. */
@SpringBootTest
@AutoConfigureMockMvc
class SignInGuardTests {

    private static final String PASSWORD = "Yekuo@2026";

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    private String username;
    private long auditMark;

    @BeforeEach
    void createTarget() {
        username = "guess.target." + ThreadLocalRandom.current().nextInt(1_000_000);
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
    @DisplayName("R-X-2 64 parallel wrong guesses get at most 5 password checks, then the account is locked")
    void parallelGuessesGetAtMostFivePasswordChecks() throws Exception {
        List<String> redirects = guessInParallel(64, i -> "wrong-" + i);

        assertThat(redirects).containsOnly("/login?error");
        assertThat(passwordChecks()).isBetween(1, 5);
        assertThat(jdbc.sql("select locked_until from staff where username = ?").param(username).query(Timestamp.class).single())
                .isNotNull();
        assertThat(signIn(PASSWORD)).isEqualTo("/login?error");
        assertThat(passwordChecks()).as("a locked account checks no password").isBetween(1, 5);
    }

    @Test
    @DisplayName("R-X-2 after four failures, 32 parallel guesses get exactly one more password check")
    void afterFourFailuresOnlyOneMoreGuessIsChecked() throws Exception {
        jdbc.sql("update staff set failed_logins = 4 where username = ?").param(username).update();

        assertThat(guessInParallel(32, i -> "wrong-" + i)).containsOnly("/login?error");

        assertThat(passwordChecks()).isEqualTo(1);
        assertThat(jdbc.sql("select locked_until from staff where username = ?").param(username).query(Timestamp.class).single())
                .isNotNull();
    }

    @Test
    @DisplayName("R-X-2 a success does not clear a lock that a parallel failure took meanwhile")
    void successDoesNotClearALockTakenMeanwhile() throws Exception {
        // The state a successful try finds when a parallel fifth failure locked the account after it was claimed.
        jdbc.sql("update staff set failed_logins = 5, locked_until = ? where username = ?")
                .params(Timestamp.from(Instant.now().plus(15, ChronoUnit.MINUTES)), username).update();

        assertThat(signIn(PASSWORD)).isEqualTo("/login?error");
        assertThat(jdbc.sql("select locked_until from staff where username = ?").param(username).query(Timestamp.class).single())
                .isNotNull();
    }

    @Test
    @DisplayName("R-X-2 an expired lock gives a fresh count: the right password signs in and resets it")
    void expiredLockStartsAFreshCount() throws Exception {
        jdbc.sql("update staff set failed_logins = 5, locked_until = ? where username = ?")
                .params(Timestamp.from(Instant.now().minusSeconds(1)), username).update();

        assertThat(signIn(PASSWORD)).isEqualTo("/");
        assertThat(jdbc.sql("select failed_logins from staff where username = ?").param(username).query(Integer.class).single())
                .isZero();
    }

    @Test
    @DisplayName("R-X-2 locked, disabled and unknown accounts get the same answer as a wrong password")
    void refusalsNameNoAccount() throws Exception {
        String wrongPassword = page(signInResult(username, "wrong"));
        jdbc.sql("update staff set locked_until = ? where username = ?")
                .params(Timestamp.from(Instant.now().plus(15, ChronoUnit.MINUTES)), username).update();
        String locked = page(signInResult(username, PASSWORD));
        jdbc.sql("update staff set locked_until = null, enabled = false where username = ?").param(username).update();
        String disabled = page(signInResult(username, PASSWORD));
        String unknown = page(signInResult("nobody." + username, PASSWORD));

        assertThat(wrongPassword).contains("用户名或密码错误");
        assertThat(List.of(locked, disabled, unknown)).allSatisfy(answer -> assertThat(answer).isEqualTo(wrongPassword));
    }

    private String page(MvcResult failed) throws Exception {
        assertThat(failed.getResponse().getRedirectedUrl()).isEqualTo("/login?error");
        String page = mvc.perform(get("/login").param("error", "")).andReturn().getResponse().getContentAsString();
        int alert = page.indexOf("data-testid=\"login-error\"");
        assertThat(alert).isPositive();
        return page.substring(alert, page.indexOf("</div>", alert));
    }

    private List<String> guessInParallel(int guesses, java.util.function.IntFunction<String> password) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<String>> answers = new ArrayList<>();
            for (int i = 0; i < guesses; i++) {
                String guess = password.apply(i);
                // Each guess from an address of its own, as from a botnet: one address is throttled long before (R-X-2).
                String address = "10.71." + (i / 250) + "." + (1 + i % 250);
                answers.add(pool.submit(() -> {
                    start.await();
                    return mvc.perform(post("/login").with(csrf()).with(request -> {
                        request.setRemoteAddr(address);
                        return request;
                    }).param("username", username).param("password", guess)).andReturn().getResponse().getRedirectedUrl();
                }));
            }
            start.countDown();
            List<String> redirects = new ArrayList<>();
            for (Future<String> answer : answers) {
                redirects.add(answer.get());
            }
            return redirects;
        } finally {
            pool.shutdownNow();
        }
    }

    private String signIn(String password) throws Exception {
        return signInResult(username, password).getResponse().getRedirectedUrl();
    }

    private MvcResult signInResult(String user, String password) throws Exception {
        return mvc.perform(formLogin().user(user).password(password)).andReturn();
    }

    /** Password checks leave a success or a bad-credentials record; refused tries leave "not admitted". */
    private int passwordChecks() {
        return jdbc.sql("""
                select count(*) from audit_record where seq > ? and action = 'login' and subject_id = ?
                  and (outcome = 'SUCCESS' or detail like 'reason=bad-credentials%')""")
                .params(auditMark, username).query(Integer.class).single();
    }
}
