package org.yekuo.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import org.yekuo.audit.AuditTrail;
import org.yekuo.notification.Notifications;
import org.yekuo.shared.PersonalDataCipher;
import org.yekuo.support.Subjects;

/**
 * R-EVA-1: the invitation after completion, its one reminder and the expiry of its link, on PostgreSQL
 * with a clock the test moves; two sweeps stand for two application nodes.
 */
@SpringBootTest
@AutoConfigureMockMvc
class EvaluationInvitationTests {

    @Autowired
    Invitations invitations;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    Notifications notifications;

    @Autowired
    PersonalDataCipher cipher;

    @Autowired
    AuditTrail audit;

    @Autowired
    EvaluationProperties properties;

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    JdbcClient jdbc;

    EvaluationFixtures fixtures;
    TestClock clock;

    @BeforeEach
    void fixtures() {
        fixtures = new EvaluationFixtures(events, transactions, cipher, jdbc);
        clock = new TestClock(LocalDateTime.of(2025, 3, 3, 8, 0));
    }

    private InvitationSweep sweep() {
        return new InvitationSweep(invitations, transactions, notifications, cipher, audit, properties, clock);
    }

    @Test
    @DisplayName("R-EVA-1 an order completed at night is invited once the next morning, within 24 hours, even with two nodes sweeping")
    void invitesOnceNextMorning() throws Exception {
        String phone = Subjects.phone();
        String orderNo = fixtures.completed(phone, at(2025, 3, 3, 22, 30));
        // A second completion event of the same order changes nothing: one invitation per order.
        fixtures.completedAgain(orderNo, phone, at(2025, 3, 3, 22, 31));
        assertThat(jdbc.sql("select count(*) from evaluation_invitation where order_no = ?").param(orderNo).query(Long.class).single())
                .isOne();

        clock.set(LocalDateTime.of(2025, 3, 4, 7, 59));
        sweep().sweep();
        assertThat(fixtures.sms(orderNo, "evaluation-invitation")).isZero();

        clock.set(LocalDateTime.of(2025, 3, 4, 8, 0));
        ExecutorService nodes = Executors.newFixedThreadPool(2);
        try {
            List<Future<InvitationSweep.Result>> runs = nodes.invokeAll(List.<Callable<InvitationSweep.Result>>of(
                    () -> sweep().sweep(), () -> sweep().sweep()));
            for (Future<InvitationSweep.Result> run : runs) {
                run.get();
            }
        } finally {
            nodes.shutdown();
        }
        assertThat(fixtures.sms(orderNo, "evaluation-invitation")).isOne();
        String body = jdbc.sql("select body from sms_outbox where business_ref = ? and template_code = 'evaluation-invitation'")
                .param(orderNo).query(String.class).single();
        assertThat(body).contains(orderNo).contains("/e/" + fixtures.token(orderNo));
        Invitation invitation = invitations.byToken(fixtures.token(orderNo)).orElseThrow();
        assertThat(Duration.between(invitation.completedAt(), invitation.invitedAt())).isLessThanOrEqualTo(Duration.ofHours(24));
        assertThat(invitation.expiresAt()).isEqualTo(invitation.invitedAt().plus(Duration.ofDays(30)));
    }

    @Test
    @DisplayName("R-EVA-1 an unanswered invitation is reminded once after three days; an answered one never; none after expiry")
    void remindsOnceWhenUnanswered() {
        String unanswered = fixtures.completed(Subjects.phone(), at(2025, 3, 3, 10, 0));
        String answered = fixtures.completed(Subjects.phone(), at(2025, 3, 3, 10, 0));
        clock.set(LocalDateTime.of(2025, 3, 3, 10, 0));
        sweep().sweep();
        invitations.answer(invitations.byToken(fixtures.token(answered)).orElseThrow().id(), clock.instant());

        clock.set(LocalDateTime.of(2025, 3, 6, 9, 59));
        sweep().sweep();
        assertThat(fixtures.sms(unanswered, "evaluation-reminder")).isZero();

        clock.set(LocalDateTime.of(2025, 3, 6, 10, 0));
        sweep().sweep();
        sweep().sweep();
        clock.set(LocalDateTime.of(2025, 3, 20, 10, 0));
        sweep().sweep();
        assertThat(fixtures.sms(unanswered, "evaluation-reminder")).isOne();
        assertThat(fixtures.sms(answered, "evaluation-reminder")).isZero();
        assertThat(jdbc.sql("select body from sms_outbox where business_ref = ? and template_code = 'evaluation-reminder'")
                .param(unanswered).query(String.class).single()).contains("2025-04-02");
    }

    @Test
    @DisplayName("R-EVA-1 nothing is texted at night, not even what fell due while no node swept; an expired link is not reminded")
    void nothingAtNightAndNoReminderAfterExpiry() {
        String late = fixtures.completed(Subjects.phone(), at(2025, 3, 10, 20, 30));
        String forgotten = fixtures.completed(Subjects.phone(), at(2025, 3, 10, 10, 0));
        clock.set(LocalDateTime.of(2025, 3, 10, 10, 0));
        sweep().sweep();
        // Expired before anyone swept for reminders (the nodes were down for a month): its reminder is dead too.
        jdbc.sql("update evaluation_invitation set expires_at = remind_after where order_no = ?").param(forgotten).update();

        clock.set(LocalDateTime.of(2025, 3, 10, 21, 30));
        assertThat(sweep().sweep()).isEqualTo(new InvitationSweep.Result(0, 0));
        assertThat(fixtures.sms(late, "evaluation-invitation")).isZero();
        clock.set(LocalDateTime.of(2025, 3, 11, 8, 0));
        sweep().sweep();
        assertThat(fixtures.sms(late, "evaluation-invitation")).isOne();
        clock.set(LocalDateTime.of(2025, 3, 14, 10, 0));
        sweep().sweep();
        assertThat(fixtures.sms(forgotten, "evaluation-reminder")).isZero();
    }

    static Instant at(int year, int month, int day, int hour, int minute) {
        return LocalDateTime.of(year, month, day, hour, minute).atZone(TestClock.ZONE).toInstant();
    }
}
