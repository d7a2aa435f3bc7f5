package org.yekuo.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDateTime;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import org.yekuo.deadline.DeadlineTestClock;
import org.yekuo.identity.StaffMembers;
import org.yekuo.shared.DomainException;
import org.yekuo.shared.PersonalDataCipher;
import org.yekuo.support.Subjects;

/**
 * R-EVA-2/3: rating an order behind its link, confirmed by a code to the order's phone, once per link
 * and once per phone a calendar week; bad input names its field and saves nothing; suspicious ratings
 * are flagged with their reasons. On PostgreSQL, with the
 * application's clock moved by the test.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
@Import(DeadlineTestClock.class)
class CustomerRatingTests {

    private static final Rating GOOD = new Rating(5, 4, 5, "电工师傅很专业，送电及时");

    @Autowired
    Invitations invitations;

    @Autowired
    CustomerRatings ratings;

    @Autowired
    InvitationSweep sweep;

    @Autowired
    StaffMembers staff;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    PersonalDataCipher cipher;

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    JdbcClient jdbc;

    EvaluationFixtures fixtures;
    TestClock clock;

    @BeforeEach
    void fixtures() {
        fixtures = new EvaluationFixtures(events, transactions, cipher, jdbc);
        // A Wednesday: the week began on Monday 2025-06-02.
        clock = new TestClock(LocalDateTime.of(2025, 6, 4, 10, 0), true);
    }

    /** An order completed now and its invitation sent: the token of its link. */
    private String invited(String phone) {
        String orderNo = fixtures.completed(phone, clock.instant());
        sweep.sweep();
        return fixtures.token(orderNo);
    }

    private String orderOf(String token) {
        return invitations.byToken(token).orElseThrow().orderNo();
    }

    /** Opens the page, reads for a minute, asks for the code and submits with it. */
    private void rate(String token, String phone, Rating rating, String address) {
        ratings.open(token);
        clock.pass(Duration.ofMinutes(1));
        ratings.requestCode(token, rating, address);
        ratings.submit(token, rating, fixtures.lastCode(phone), address);
    }

    @Test
    @DisplayName("R-EVA-2 R-EVA-3 a rating confirmed by the code sent to the order's phone is saved once with its average; "
            + "the link then says it was used")
    void ratingConfirmedByCodeIsSavedOnce() {
        String phone = Subjects.phone();
        String token = invited(phone);
        RatingInvitation page = ratings.open(token);
        assertThat(page.orderNo()).isEqualTo(orderOf(token));
        assertThat(page.phoneMasked()).isEqualTo(phone.substring(0, 3) + "****" + phone.substring(7));

        clock.pass(Duration.ofMinutes(2));
        ratings.requestCode(token, GOOD, "10.21.0.1");
        refused(() -> ratings.submit(token, GOOD, "12345", "10.21.0.1"), HttpStatus.UNPROCESSABLE_CONTENT, "code");
        String wrong = fixtures.lastCode(phone).equals("000000") ? "111111" : "000000";
        refused(() -> ratings.submit(token, GOOD, wrong, "10.21.0.1"), HttpStatus.UNPROCESSABLE_CONTENT, "code");
        assertThat(fixtures.ratings(orderOf(token))).isZero();

        ratings.submit(token, GOOD, fixtures.lastCode(phone), "10.21.0.1");
        assertThat(jdbc.sql("select timeliness, attitude, communication, average, comment_text, flags from evaluation where order_no = ?")
                .param(orderOf(token)).query((rs, n) -> rs.getInt(1) + "/" + rs.getInt(2) + "/" + rs.getInt(3) + " "
                        + rs.getBigDecimal(4) + " " + rs.getString(5) + " [" + rs.getString(6) + "]").single())
                .isEqualTo("5/4/5 4.67 电工师傅很专业，送电及时 []");
        assertThat(jdbc.sql("select answered_at is not null from evaluation_invitation where token = ?").param(token)
                .query(Boolean.class).single()).isTrue();
        // The used link and the used code are refused alike.
        refused(() -> ratings.open(token), HttpStatus.CONFLICT, "evaluation.link.used");
        refused(() -> ratings.submit(token, GOOD, fixtures.lastCode(phone), "10.21.0.1"), HttpStatus.CONFLICT, "evaluation.link.used");
        assertThat(fixtures.ratings(orderOf(token))).isOne();
    }

    @Test
    @DisplayName("R-EVA-2 stars outside 1-5, a missing star, a comment too long or with markup are each named; no code is sent, nothing saved")
    void badRatingsAreNamedAndNothingIsSaved() {
        String phone = Subjects.phone();
        String token = invited(phone);
        DomainException e = refused(() -> ratings.requestCode(token, new Rating(0, null, 6, "x".repeat(201)), "10.21.0.2"),
                HttpStatus.UNPROCESSABLE_CONTENT, "timeliness");
        assertThat(e.fieldProblems()).extracting(DomainException.FieldProblem::field)
                .containsExactly("timeliness", "attitude", "communication", "comment");
        refused(() -> ratings.requestCode(token, new Rating(5, 5, 5, "好<script>alert(1)</script>"), "10.21.0.2"),
                HttpStatus.UNPROCESSABLE_CONTENT, "comment");
        refused(() -> ratings.submit(token, new Rating(5, 5, 5, "a\u0000b"), "123456", "10.21.0.2"),
                HttpStatus.UNPROCESSABLE_CONTENT, "comment");
        assertThat(jdbc.sql("select count(*) from sms_outbox where phone_index = ?").param(cipher.blindIndex(phone))
                .query(Long.class).single()).as("only the invitation").isOne();
        assertThat(fixtures.ratings(orderOf(token))).isZero();
        // 200 characters (Chinese counted as one each) are fine.
        rate(token, phone, new Rating(3, 3, 3, "很".repeat(200)), "10.21.0.2");
        assertThat(fixtures.ratings(orderOf(token))).isOne();
    }

    @Test
    @DisplayName("R-EVA-3 one evaluation per phone number per calendar week: the phone's second order waits until Monday")
    void onePerPhonePerWeek() {
        String phone = Subjects.phone();
        String first = invited(phone);
        String second = invited(phone);
        rate(first, phone, GOOD, "10.21.0.3");

        clock.set(LocalDateTime.of(2025, 6, 8, 23, 59));
        DomainException e = refused(() -> ratings.requestCode(second, GOOD, "10.21.0.3"), HttpStatus.CONFLICT, "evaluation.week.used");
        assertThat(e.arguments()).containsExactly("2025-06-09");
        assertThat(fixtures.ratings(orderOf(second))).isZero();

        clock.set(LocalDateTime.of(2025, 6, 9, 0, 0));
        rate(second, phone, GOOD, "10.21.0.3");
        assertThat(fixtures.ratings(orderOf(second))).isOne();
    }

    @Test
    @DisplayName("R-EVA-3 the week is checked again at submission: two codes asked for on one phone make one rating")
    void weekIsCheckedAtSubmission() {
        String phone = Subjects.phone();
        String first = invited(phone);
        String second = invited(phone);
        ratings.open(first);
        ratings.open(second);
        clock.pass(Duration.ofMinutes(1));
        ratings.requestCode(first, GOOD, "10.21.0.4");
        ratings.submit(first, GOOD, fixtures.lastCode(phone), "10.21.0.4");
        refused(() -> ratings.submit(second, GOOD, fixtures.lastCode(phone), "10.21.0.4"), HttpStatus.CONFLICT, "evaluation.week.used");
        assertThat(fixtures.ratings(orderOf(second))).isZero();
    }

    @Test
    @DisplayName("R-EVA-1 a link lasts 30 days from its invitation; an unknown link is refused")
    void expiredAndUnknownLinks() {
        String phone = Subjects.phone();
        String token = invited(phone);
        clock.pass(Duration.ofDays(30).minusMinutes(1));
        ratings.open(token);
        clock.pass(Duration.ofMinutes(1));
        refused(() -> ratings.open(token), HttpStatus.GONE, "evaluation.link.expired");
        refused(() -> ratings.requestCode(token, GOOD, "10.21.0.5"), HttpStatus.GONE, "evaluation.link.expired");
        refused(() -> ratings.open("AAAAAAAAAAAAAAAAAAAAAA"), HttpStatus.NOT_FOUND, "evaluation.link.unknown");
        refused(() -> ratings.open("../../etc"), HttpStatus.NOT_FOUND, "evaluation.link.unknown");
    }

    @Test
    @DisplayName("R-EVA-3 a staff phone, a burst from one address and a rating faster than reading are flagged with their reasons")
    void suspiciousRatingsAreFlagged() {
        String staffPhone = staff.mobileOf("clerk").orElseThrow();
        // The clerk may have rated this week in another test: a week of its own.
        clock.set(LocalDateTime.of(2025, 7, 7, 10, 0));
        String own = invited(staffPhone);
        rate(own, staffPhone, GOOD, "10.21.1.1");
        assertThat(fixtures.flags(orderOf(own))).isEqualTo("STAFF_PHONE");

        // Three ratings from one address within the hour: the third is one of a burst.
        String[] burst = new String[3];
        for (int i = 0; i < 3; i++) {
            String phone = Subjects.phone();
            burst[i] = invited(phone);
            rate(burst[i], phone, GOOD, "10.21.1.2");
        }
        assertThat(fixtures.flags(orderOf(burst[0]))).isEmpty();
        assertThat(fixtures.flags(orderOf(burst[1]))).isEmpty();
        assertThat(fixtures.flags(orderOf(burst[2]))).isEqualTo("ADDRESS_BURST");

        // Submitted seconds after the page opened: nobody reads and types a code that fast.
        String phone = Subjects.phone();
        String hasty = invited(phone);
        ratings.open(hasty);
        clock.pass(Duration.ofSeconds(5));
        ratings.requestCode(hasty, GOOD, "10.21.1.3");
        ratings.submit(hasty, GOOD, fixtures.lastCode(phone), "10.21.1.3");
        assertThat(fixtures.flags(orderOf(hasty))).isEqualTo("TOO_FAST");
        assertThat(jdbc.sql("select reading_seconds from evaluation where order_no = ?").param(orderOf(hasty)).query(Integer.class)
                .single()).isEqualTo(5);
    }

    private static DomainException refused(ThrowingCallable call, HttpStatus status, String fieldOrKey) {
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(call);
        assertThat(thrown).isInstanceOf(DomainException.class);
        DomainException e = (DomainException) thrown;
        assertThat(e.status()).isEqualTo(status);
        if (fieldOrKey.contains(".")) {
            assertThat(e.messageKey()).isEqualTo(fieldOrKey);
        } else {
            assertThat(e.fieldProblems()).extracting(DomainException.FieldProblem::field).contains(fieldOrKey);
        }
        return e;
    }
}
