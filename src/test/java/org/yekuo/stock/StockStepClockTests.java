package org.yekuo.stock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.flowable.engine.ManagementService;
import org.flowable.engine.RuntimeService;
import org.flowable.job.api.Job;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.support.TransactionTemplate;
import org.yekuo.identity.CurrentUser;
import org.yekuo.identity.Role;
import org.yekuo.shared.DomainException;
import org.yekuo.support.EngineTimers;
import org.yekuo.workflow.NodeReached;
import org.yekuo.workflow.OrderId;
import org.yekuo.workflow.StepClockRang;
import org.yekuo.workflow.TaskId;

/**
 * The clerk's steps keep time with engine timers (ADR 11): reminded, locked when overdue, escalated, each once,
 * with the node templates (R-COL-2, R-SLA-3/4).
 */
@SpringBootTest
@AutoConfigureMockMvc
class StockStepClockTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    StockRequests requests;

    @Autowired
    StockStepAlarms alarms;

    @Autowired
    TransactionTemplate tx;

    @Autowired
    ManagementService management;

    @Autowired
    RuntimeService runtime;

    @Test
    @DisplayName("R-COL-2 a pushed bill starts its clock; the reminder texts the clerk once, overdue locks the request and texts the"
            + " materials head, escalation texts the leader; the clerk explains, the leader unlocks, confirming stops the clock")
    void stepClockRemindsLocksAndEscalatesOnce() throws Exception {
        StockFixtures fixtures = new StockFixtures(mvc, jdbc);
        EngineTimers engine = new EngineTimers(management);
        long warehouse = fixtures.warehouse(java.util.Map.of("MTR-1P-60A", 4));
        long orderId = 8_000_000_000L + System.nanoTime() % 1_000_000_000L;
        String orderNo = "S" + orderId;
        String orgPath = jdbc.sql("select path from org_unit where code = 'YK-EAST'").query(String.class).single();
        jdbc.sql("insert into stock_bom_line (order_id, org_path, item_id, quantity, added_by, added_at) select ?, ?, id, 2, 'designer', ?"
                + " from stock_item where code = 'MTR-1P-60A'").params(orderId, orgPath, Timestamp.from(Instant.now())).update();
        tx.executeWithoutResult(s -> requests.on(new NodeReached(new OrderId(orderId), "SCHEME_REPLY", new TaskId("t-" + orderId), Set.of("CLERK"), Instant.now(),
                orderNo, "HV_NEW_SINGLE", 1, orgPath)));
        StockRequest request = requests.find(orderId).orElseThrow();
        String key = StockRequests.CONFIRM_CLOCK + ":" + request.id();
        String process = runtime.createProcessInstanceQuery().processInstanceBusinessKey(key).singleResult().getId();
        List<Job> timers = management.createTimerJobQuery().processInstanceId(process).list();
        assertThat(timers).hasSize(3);
        assertThat(timers.stream().map(Job::getDuedate).map(java.util.Date::toInstant))
                .contains(millis(request.confirmYellowAt()), millis(request.confirmDueAt()));

        engine.fireDueAt(process, request.confirmYellowAt());
        // The same moment again (a job that outlived its lock): claimed already, nothing more is sent.
        tx.executeWithoutResult(s -> alarms.on(new StepClockRang(StockRequests.CONFIRM_CLOCK, request.id(),
                StepClockRang.Moment.REMINDER, Instant.now())));
        assertThat(sms(orderNo, "deadline-reminder")).containsOnlyOnce("139****0012").doesNotContain("139****0018");
        assertThat(requests.find(orderId).orElseThrow().locked()).isFalse();

        engine.fireDueAt(process, request.confirmDueAt());
        assertThat(requests.find(orderId).orElseThrow().locked()).isTrue();
        assertThat(sms(orderNo, "deadline-overdue")).containsOnlyOnce("139****0018").doesNotContain("139****0004");
        CurrentUser clerk = fixtures.materialsClerk();
        assertThatThrownBy(() -> requests.confirm(orderId, warehouse, clerk)).isInstanceOf(DomainException.class)
                .hasMessage("stock.request.locked");

        engine.fireNext(process);
        assertThat(sms(orderNo, "deadline-overdue")).containsOnlyOnce("139****0018", "139****0004");

        assertThatThrownBy(() -> requests.unlock(orderId, leader())).hasMessage("stock.lock.not-explained");
        assertThatThrownBy(() -> requests.explain(orderId, "NO_SUCH", "供应商延迟到货", clerk)).hasMessage("stock.lock.category-required");
        requests.explain(orderId, "MATERIALS_OUT_OF_STOCK", "供应商延迟到货，已协调公司仓库调拨", clerk);
        requests.unlock(orderId, leader());
        assertThat(requests.confirm(orderId, warehouse, clerk)).isEmpty();
        assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(key).count()).isZero();
        assertThat(requests.find(orderId).orElseThrow().status()).isEqualTo(StockRequest.Status.RESERVED);
    }

    static Instant millis(Instant instant) {
        return instant.truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    }

    List<String> sms(String orderNo, String template) {
        return jdbc.sql("select phone_masked from sms_outbox where business_ref = ? and template_code = ? order by id")
                .params(orderNo, template).query(String.class).list();
    }

    CurrentUser leader() {
        long id = jdbc.sql("select id from staff where username = 'leader'").query(Long.class).single();
        String path = jdbc.sql("select path from org_unit where code = 'YK'").query(String.class).single();
        return new CurrentUser(id, "leader", "周分管", 0, "", "", path, path, Set.of(Role.LEADER));
    }
}
