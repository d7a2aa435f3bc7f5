package org.yekuo.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.YearMonth;
import java.util.Locale;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.yekuo.EmbeddedPostgres;
import org.yekuo.YekuoApplication;
import org.yekuo.audit.AuditTrail;
import org.yekuo.identity.CurrentUser;
import org.yekuo.identity.internal.StaffPrincipal;
import org.yekuo.insight.Bottlenecks;
import org.yekuo.shared.PersonalDataCipher;
import org.yekuo.support.PgTools;

/**
 * The demo's first start on an empty database of its own, with the demo history on (as {@code spring-boot:run} has it):
 * the history is seeded once, its audit chain verifies and the insight pages find what it was drawn to show.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DemoHistoryTests {

    ConfigurableApplicationContext node;
    JdbcClient jdbc;

    @BeforeAll
    void startWithDemoHistory() throws Exception {
        PgTools server = PgTools.testServer();
        String database = server.createDatabase("demo_history");
        EmbeddedPostgres.useDatabase(server.url(database), server.user(), server.password(),
                java.util.Map.of("yekuo.demo.history", "true"));
        try {
            node = new SpringApplicationBuilder(YekuoApplication.class)
                    .properties("server.port=0", "spring.main.banner-mode=off").run();
        } finally {
            EmbeddedPostgres.useTestDatabase();
        }
        jdbc = node.getBean(JdbcClient.class);
    }

    @AfterAll
    void stop() {
        if (node != null) {
            node.close();
        }
    }

    @Test
    @DisplayName("R-SLA-9 the first start seeds a year of finished orders at both stations in the four common types, and a restart seeds nothing")
    void seedsOnceAtFirstStart() {
        assertThat(jdbc.sql("select count(*) from application where status = 'COMPLETED'").query(Long.class).single())
                .isEqualTo(DemoHistory.FINISHED);
        assertThat(jdbc.sql("select count(distinct type_code) from application where status = 'COMPLETED'").query(Long.class).single())
                .isEqualTo(4);
        assertThat(jdbc.sql("select count(distinct org_path) from application").query(Long.class).single()).isEqualTo(2);
        long orders = jdbc.sql("select count(*) from application").query(Long.class).single();
        long nodes = jdbc.sql("select count(*) from node_deadline").query(Long.class).single();

        assertThat(node.getBean(DemoHistory.class).seed()).isFalse();

        assertThat(jdbc.sql("select count(*) from application").query(Long.class).single()).isEqualTo(orders);
        assertThat(jdbc.sql("select count(*) from node_deadline").query(Long.class).single()).isEqualTo(nodes);
    }

    @Test
    @DisplayName("R-X-2 the history's steps are on the audit chain at the moments they happened, and the chain verifies")
    void auditChainVerifies() {
        assertThat(node.getBean(AuditTrail.class).verify().intact()).isTrue();
        assertThat(jdbc.sql("select count(*) from audit_record where action = 'application.completed'").query(Long.class).single())
                .isEqualTo(DemoHistory.FINISHED);
        assertThat(jdbc.sql("select min(occurred_at) from audit_record where action = 'application.accepted'")
                .query(java.sql.Timestamp.class).single().toInstant())
                .isBefore(node.getBean(Clock.class).instant().minus(java.time.Duration.ofDays(300)));
    }

    @Test
    @DisplayName("R-X-3 applicants' names, numbers and phones are sealed and blind-indexed as intake does, never stored plain")
    void personalDataIsSealed() {
        PersonalDataCipher cipher = node.getBean(PersonalDataCipher.class);
        var row = jdbc.sql("select applicant_name_sealed, applicant_name_index, phone_sealed, phone_index, phone_masked "
                + "from application order by id limit 1").query((rs, n) -> new String[] {rs.getString(1), rs.getString(2),
                        rs.getString(3), rs.getString(4), rs.getString(5)}).single();
        String name = cipher.decrypt(row[0]);
        assertThat(row[0]).doesNotContain(name);
        assertThat(cipher.blindIndex(name)).isEqualTo(row[1]);
        String phone = cipher.decrypt(row[2]);
        assertThat(phone).startsWith("1380000");
        assertThat(cipher.blindIndex(phone)).isEqualTo(row[3]);
        assertThat(row[4]).doesNotContain(phone);
    }

    @Test
    @DisplayName("R-SLA-9 the bottleneck view names the west station's design review among its slowest HV transitions, late in most cases")
    void bottleneckViewFindsTheSlowDesignReview() {
        YearMonth now = YearMonth.now(node.getBean(Clock.class));
        Bottlenecks.View west = node.getBean(Bottlenecks.class).view(user("leader"),
                new Bottlenecks.Query(now.minusMonths(12), now, "HV_NEW_SINGLE", "YK-WEST"),
                Locale.SIMPLIFIED_CHINESE);
        assertThat(west.slowest()).extracting(Bottlenecks.Transition::toNode).contains("DESIGN_REVIEW");
        Bottlenecks.Transition review = west.slowest().stream().filter(t -> t.toNode().equals("DESIGN_REVIEW")).findFirst()
                .orElseThrow();
        assertThat(review.latePercent()).isGreaterThanOrEqualTo(40);
        Bottlenecks.View east = node.getBean(Bottlenecks.class).view(user("leader"),
                new Bottlenecks.Query(now.minusMonths(12), now, "HV_NEW_SINGLE", "YK-EAST"), Locale.SIMPLIFIED_CHINESE);
        assertThat(east.transitions().stream().filter(t -> t.toNode().equals("DESIGN_REVIEW")).findFirst().orElseThrow()
                .latePercent()).isLessThan(20);
        assertThat(west.orders().orders()).isPositive();
    }

    @Test
    @DisplayName("R-SLA-4 the open orders stand in each of the three colours on the deadline board, the red ones locked")
    void openOrdersShowEveryColour() {
        var counts = node.getBean(org.yekuo.deadline.DeadlineBoard.class).counts(user("leader"));
        assertThat(counts.green()).isPositive();
        assertThat(counts.yellow()).isPositive();
        assertThat(counts.red()).isPositive();
        assertThat(jdbc.sql("select count(*) from node_deadline where completed_at is null and locked = true").query(Long.class).single())
                .isPositive();
        assertThat(jdbc.sql("select count(*) from application where status in ('ACTIVE', 'SUSPENDED')").query(Long.class).single())
                .isEqualTo(OpenOrders.SCENARIOS.size());
    }

    @Test
    @DisplayName("R-MAT-4 two open orders wait suspended for the customer's property proof")
    void twoOrdersWaitForMaterial() {
        assertThat(jdbc.sql("select count(*) from application where status = 'SUSPENDED'").query(Long.class).single()).isEqualTo(2);
    }

    @Test
    @DisplayName("R-SLA-9 the risk board lists the open orders with their forecast")
    void riskBoardListsOpenOrders() {
        var page = node.getBean(org.yekuo.insight.RiskBoard.class).search(user("leader"), org.yekuo.insight.RiskBoard.Filter.none(), 0, 100);
        assertThat(page.total()).isGreaterThanOrEqualTo(OpenOrders.SCENARIOS.size() - 2);
        assertThat(page.nodes()).extracting(org.yekuo.insight.NodeRisk::cases).anyMatch(cases -> cases >= 20);
    }

    @ParameterizedTest(name = "R-COL-5 {0} finds work waiting")
    @ValueSource(strings = {"clerk", "surveyor", "designer", "marketing", "dispatch", "ops", "materials", "inspector"})
    @DisplayName("R-COL-5 every demo role that works nodes finds a task waiting")
    void everyRoleFindsATask(String username) {
        assertThat(node.getBean(org.yekuo.workflow.WorkList.class).openFor(user(username), 50)).isNotEmpty();
    }

    @Test
    @DisplayName("R-SLA-3/4 the east station's head sees its late orders and the leader finds delay explanations to decide")
    void headAndLeaderFindWork() {
        assertThat(node.getBean(org.yekuo.deadline.DeadlineBoard.class).counts(user("head.east")).red()).isPositive();
        assertThat(node.getBean(org.yekuo.deadline.DelayExplanations.class).pending(user("leader"))).hasSize(2);
    }

    private CurrentUser user(String username) {
        return ((StaffPrincipal) node.getBean(org.springframework.security.core.userdetails.UserDetailsService.class)
                .loadUserByUsername(username)).toCurrentUser();
    }
}
