package org.yekuo.deadline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.yekuo.intake.OrderResumed;
import org.yekuo.intake.OrderSuspended;

/**
 * The order's clock follows what intake announces (R-MAT-4: a material missing at its node suspends the order,
 * supplying it resumes it; R-SLA-4, R-SLA-8: meanwhile the order's time limits stand still): deadline listens to
 * {@link OrderSuspended} and {@link OrderResumed} in the transaction that suspends or resumes the order, so the clock
 * commits and rolls back with the order.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
@Import(DeadlineTestClock.class)
@RecordApplicationEvents
class ClockFollowsSuspensionTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ApplicationEvents events;

    @Autowired
    PlatformTransactionManager transactions;

    private DeadlineScenario scenario;

    @BeforeEach
    void setUp() {
        scenario = new DeadlineScenario(mvc, jdbc);
        DeadlineTestClock.CLOCK.set(LocalDateTime.of(2026, 4, 13, 9, 0));
    }

    @Test
    @DisplayName("R-MAT-4 R-SLA-4 R-SLA-8 the suspension announced by the order pauses its clock; the resumption runs it on")
    void suspensionPausesAndResumptionRunsTheClock() throws Exception {
        long orderId = scenario.acceptLvOrder();
        scenario.work(orderId, "clerk", "ACCEPTANCE");
        // Scheme design waits for the deferred property proof: the order is suspended on reaching it.
        scenario.work(orderId, "surveyor", "SITE_SURVEY");

        assertThat(events.stream(OrderSuspended.class).filter(e -> e.orderId() == orderId)).singleElement()
                .satisfies(e -> assertThat(e.nodeCode()).isEqualTo("SCHEME_DESIGN"));
        long design = scenario.deadlineId(orderId, "SCHEME_DESIGN");
        assertThat(pausedSince(design)).isNotNull();
        assertThat(pauses(orderId)).singleElement().asString().contains("open");

        supplyPropertyProof(orderId);

        assertThat(events.stream(OrderResumed.class).filter(e -> e.orderId() == orderId)).hasSize(1);
        assertThat(pausedSince(design)).isNull();
        assertThat(pauses(orderId)).singleElement().asString().contains("ended");
    }

    @Test
    @DisplayName("R-MAT-4 R-SLA-4 a suspension that rolls back leaves the clock running: it was paused only inside that transaction")
    void suspensionRolledBackLeavesTheClockRunning() throws Exception {
        long orderId = scenario.acceptLvOrder();
        scenario.work(orderId, "clerk", "ACCEPTANCE");
        String survey = scenario.openTask(orderId, "surveyor");
        scenario.signFor(survey, "surveyor").andExpect(status().isOk());

        new TransactionTemplate(transactions).executeWithoutResult(tx -> {
            try {
                scenario.complete(survey, "surveyor", "SITE_SURVEY").andExpect(status().isNoContent());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            // Inside the suspending transaction the clock already stands still ...
            assertThat(orderStatus(orderId)).isEqualTo("SUSPENDED");
            assertThat(pausedSince(scenario.deadlineId(orderId, "SCHEME_DESIGN"))).isNotNull();
            tx.setRollbackOnly();
        });

        // ... and with the suspension rolled back, nothing of the pause is left.
        assertThat(orderStatus(orderId)).isEqualTo("ACTIVE");
        assertThat(jdbc.sql("select count(*) from node_deadline where order_id = ? and paused_since is not null").param(orderId)
                .query(Long.class).single()).isZero();
        assertThat(pauses(orderId)).isEmpty();
        assertThat(pausedSince(scenario.deadlineId(orderId, "SITE_SURVEY"))).isNull();
    }

    @Test
    @DisplayName("R-MAT-4 R-SLA-4 a resumption that rolls back leaves the clock paused, its deadline where it was")
    void resumptionRolledBackLeavesTheClockPaused() throws Exception {
        long orderId = scenario.acceptLvOrder();
        scenario.work(orderId, "clerk", "ACCEPTANCE");
        scenario.work(orderId, "surveyor", "SITE_SURVEY");
        long design = scenario.deadlineId(orderId, "SCHEME_DESIGN");
        Instant paused = pausedSince(design);
        Instant due = dueAt(design);
        DeadlineTestClock.CLOCK.set(LocalDateTime.of(2026, 4, 20, 10, 0));

        new TransactionTemplate(transactions).executeWithoutResult(tx -> {
            try {
                supplyPropertyProof(orderId);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            assertThat(pausedSince(design)).isNull();
            assertThat(dueAt(design)).isAfter(due);
            tx.setRollbackOnly();
        });

        assertThat(orderStatus(orderId)).isEqualTo("SUSPENDED");
        assertThat(pausedSince(design)).isEqualTo(paused);
        assertThat(dueAt(design)).isEqualTo(due);
        assertThat(pauses(orderId)).singleElement().asString().contains("open");
    }

    private void supplyPropertyProof(long orderId) throws Exception {
        mvc.perform(multipart("/api/applications/{id}/materials/PROPERTY_PROOF", orderId)
                        .file(new MockMultipartFile("file", "p.pdf", "application/pdf", org.yekuo.support.SampleFiles.PDF))
                        .with(httpBasic("clerk", DeadlineScenario.PASSWORD)))
                .andExpect(status().isOk());
    }

    private String orderStatus(long orderId) {
        return jdbc.sql("select status from application where id = ?").param(orderId).query(String.class).single();
    }

    private Instant pausedSince(long deadlineId) {
        // null while the clock runs
        return jdbc.sql("select paused_since from node_deadline where id = ?").param(deadlineId).query(Instant.class).list().get(0);
    }

    private Instant dueAt(long deadlineId) {
        return jdbc.sql("select due_at from node_deadline where id = ?").param(deadlineId).query(Instant.class).single();
    }

    /** The order's pauses, each "open" while it runs and "ended" once resumed. */
    private List<String> pauses(long orderId) {
        return jdbc.sql("select case when resumed_at is null then 'open' else 'ended' end from clock_pause where order_id = ?")
                .param(orderId).query(String.class).list();
    }
}
