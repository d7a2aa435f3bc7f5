package org.yekuo.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;
import org.yekuo.EmbeddedPostgres;
import org.yekuo.YekuoApplication;
import org.yekuo.audit.AuditTrail;
import org.yekuo.identity.internal.FirstStartSetup;
import org.yekuo.identity.internal.FirstStartSetup.Account;
import org.yekuo.identity.internal.FirstStartSetup.Slot;
import org.yekuo.shared.DomainException;
import org.yekuo.support.PgTools;

/**
 * A production start: a node with the demo off on an empty database of its own, as an operator brings Yekuo live,
 * and the first-start setup through its page.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FirstStartTests {

    private static final String PASSWORD = "Setup@2026x";

    ConfigurableApplicationContext node;
    MockMvc mvc;
    JdbcClient jdbc;
    FirstStartSetup setup;

    @BeforeAll
    void startWithoutDemoData() throws Exception {
        PgTools server = PgTools.testServer();
        String database = server.createDatabase("first_start");
        EmbeddedPostgres.useDatabase(server.url(database), server.user(), server.password());
        try {
            node = new SpringApplicationBuilder(YekuoApplication.class)
                    .properties("server.port=0", "spring.main.banner-mode=off").run("--yekuo.demo.enabled=false");
        } finally {
            EmbeddedPostgres.useTestDatabase();
        }
        mvc = MockMvcBuilders.webAppContextSetup((WebApplicationContext) node).apply(SecurityMockMvcConfigurers.springSecurity()).build();
        jdbc = node.getBean(JdbcClient.class);
        setup = node.getBean(FirstStartSetup.class);
    }

    @AfterAll
    void stop() {
        if (node != null) {
            node.close();
        }
    }

    @Test
    @Order(1)
    @DisplayName("R-X-2 without demo data a node starts with no org unit, no account, a setup token filed and scoring rules that name no demo unit")
    void startsCleanWithASetupToken() throws Exception {
        assertThat(jdbc.sql("select count(*) from org_unit").query(Long.class).single()).isZero();
        assertThat(jdbc.sql("select count(*) from staff").query(Long.class).single()).isZero();
        assertThat(jdbc.sql("select count(*) from setup_token").query(Long.class).single()).isEqualTo(1);
        // The seeded scoring rules fall back to the order's station instead of naming departments this company lacks.
        assertThat(jdbc.sql("select count(*) from score_rule").query(Long.class).single()).isPositive();
        assertThat(jdbc.sql("select count(*) from score_rule where owner_kind = 'UNIT' or org_unit_code is not null")
                .query(Long.class).single()).isZero();
        assertThat(setup.open()).isTrue();

        mvc.perform(get("/setup")).andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("name=\"token\"")))
                .andExpect(content().string(Matchers.containsString("securityAdmin2.username")));
        // Nobody can sign in: there is no account at all.
        mvc.perform(get("/api/identity/org-units").with(httpBasic("admin", PASSWORD))).andExpect(status().isUnauthorized());
    }

    @Test
    @Order(2)
    @DisplayName("R-X-2 a wrong token is refused naming the field, audited, and after 5 guesses from one address the setup answers 429")
    void wrongTokensAreRefusedAndThrottled() throws Exception {
        for (int i = 0; i < FirstStartSetup.MAX_FAILURES; i++) {
            mvc.perform(form("wrong-token-" + i, "10.20.30.40")).andExpect(status().isUnprocessableContent())
                    .andExpect(content().string(Matchers.containsString("setup token")));
        }
        mvc.perform(form(setup.issueToken().orElseThrow(), "10.20.30.40")).andExpect(status().isTooManyRequests())
                .andExpect(header().exists("Retry-After"));
        assertThat(jdbc.sql("select count(*) from audit_record where action = 'setup.token-refused' and subject_id = '10.20.30.40'")
                .query(Long.class).single()).isEqualTo(FirstStartSetup.MAX_FAILURES);
        assertThat(jdbc.sql("select count(*) from org_unit").query(Long.class).single()).isZero();
    }

    @Test
    @Order(3)
    @DisplayName("R-X-2 invalid fields are named one by one, the passwords are not sent back, and nothing is written")
    void invalidFieldsAreNamed() throws Exception {
        String token = setup.issueToken().orElseThrow();
        mvc.perform(form(token, "10.0.0.7", Map.of("company.code", "bad code", "securityAdmin.username", "ceo",
                        "securityAdmin2.username", "ceo", "auditor.password", "short", "admin.displayName", "")))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().string(Matchers.containsString("Code: use 2 to 40 characters")))
                .andExpect(content().string(Matchers.containsString("every administrator needs a username of their own")))
                .andExpect(content().string(Matchers.containsString("Password: use 8 to 128 characters")))
                .andExpect(content().string(Matchers.containsString("Name: required")))
                .andExpect(content().string(Matchers.not(Matchers.containsString(PASSWORD))))
                .andExpect(content().string(Matchers.not(Matchers.containsString(token))));
        assertThat(jdbc.sql("select count(*) from staff").query(Long.class).single()).isZero();
        assertThat(setup.open()).isTrue();
    }

    @Test
    @Order(4)
    @DisplayName("R-X-2 two setups at once (two nodes, two tokens) make one company and one set of administrators; the other is refused")
    void concurrentSetupsMakeOneCompany() throws Exception {
        List<String> tokens = List.of(setup.issueToken().orElseThrow(), setup.issueToken().orElseThrow());
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<String>> runs = new ArrayList<>();
        try {
            for (int i = 0; i < 2; i++) {
                String token = tokens.get(i);
                String suffix = Integer.toString(i);
                Callable<String> run = () -> {
                    start.await();
                    try {
                        setup.complete(request(token, "GD" + suffix, suffix), "10.0.0." + suffix);
                        return "done";
                    } catch (DomainException e) {
                        return e.messageKey();
                    }
                };
                runs.add(pool.submit(run));
            }
            start.countDown();
            List<String> outcomes = new ArrayList<>();
            for (Future<String> run : runs) {
                outcomes.add(run.get());
            }
            assertThat(outcomes).containsExactlyInAnyOrder("done", "setup.done");
        } finally {
            pool.shutdownNow();
        }
        assertThat(jdbc.sql("select count(*) from org_unit where kind = 'COMPANY'").query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from staff").query(Long.class).single()).isEqualTo(4);
        assertThat(jdbc.sql("select count(*) from setup_token").query(Long.class).single()).isZero();
        assertThat(setup.open()).isFalse();
        assertThat(node.getBean(AuditTrail.class).verify().intact()).isTrue();
        assertThat(jdbc.sql("select count(*) from audit_record where action = 'setup.completed'").query(Long.class).single()).isEqualTo(1);
    }

    @Test
    @Order(5)
    @DisplayName("R-X-2 after the setup the page is gone, the company's root unit stands, the administrations set up their second factor and the other administrators must change their passwords first")
    void afterTheSetupThePageIsGone() throws Exception {
        mvc.perform(get("/setup")).andExpect(status().isNotFound());
        mvc.perform(form(setup.issueToken().orElse("none"), "10.0.0.9")).andExpect(status().isNotFound());
        String admin = jdbc.sql("select completed_by from setup_state where id = 1").query(String.class).single();
        String suffix = admin.substring(admin.length() - 1);
        assertThat(jdbc.sql("select code from org_unit where parent_id is null").query(String.class).list()).containsExactly("GD" + suffix);
        // A password alone opens no API call for the new administrations: each first sets up its second factor on a page.
        mvc.perform(get("/api/identity/org-units").with(httpBasic(admin, PASSWORD))).andExpect(status().isUnauthorized());
        mvc.perform(get("/api/identity/staff").with(httpBasic("sec" + suffix, PASSWORD))).andExpect(status().isUnauthorized());
        assertThat(jdbc.sql("select count(*) from staff where password_must_change").query(Long.class).single()).isEqualTo(3);
    }

    private static FirstStartSetup.Request request(String token, String code, String suffix) {
        Map<Slot, Account> accounts = new EnumMap<>(Slot.class);
        accounts.put(Slot.admin, new Account("admin" + suffix, "系统管理员", PASSWORD));
        accounts.put(Slot.securityAdmin, new Account("sec" + suffix, "安全管理员甲", PASSWORD));
        accounts.put(Slot.securityAdmin2, new Account("sec2" + suffix, "安全管理员乙", PASSWORD));
        accounts.put(Slot.auditor, new Account("audit" + suffix, "审计管理员", PASSWORD));
        return new FirstStartSetup.Request(token, code, "广电市供电公司", "Guangdian City Power Supply Company", accounts);
    }

    private static MockHttpServletRequestBuilder form(String token, String address) {
        return form(token, address, Map.of());
    }

    /** The setup form filled in validly, but for the fields in {@code changed}. */
    private static MockHttpServletRequestBuilder form(String token, String address, Map<String, String> changed) {
        Map<String, String> fields = new java.util.LinkedHashMap<>(Map.of("token", token, "company.code", "GD",
                "company.nameZh", "广电市供电公司", "company.nameEn", "Guangdian City Power Supply Company"));
        for (Slot slot : Slot.values()) {
            fields.put(slot + ".username", slot.name().toLowerCase());
            fields.put(slot + ".displayName", "管理员");
            fields.put(slot + ".password", PASSWORD);
        }
        fields.putAll(changed);
        MockHttpServletRequestBuilder form = post("/setup").with(csrf()).with(request -> {
            request.setRemoteAddr(address);
            return request;
        }).header("Accept-Language", "en");
        fields.forEach(form::param);
        return form;
    }
}
