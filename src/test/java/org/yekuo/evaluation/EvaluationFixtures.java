package org.yekuo.evaluation;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import org.yekuo.intake.OrderCompleted;
import org.yekuo.shared.PersonalDataCipher;

/**
 * Completed orders without running their process: the completion event as intake publishes it, in a
 * transaction, with order ids far above any real order's. Also reads what the SMS outbox holds.
 */
final class EvaluationFixtures {

    private static final AtomicLong ORDERS = new AtomicLong(900_000_000L + System.nanoTime() % 10_000_000L);
    private static final Pattern SIX_DIGITS = Pattern.compile("\\d{6}");

    private static final AtomicLong RATED = new AtomicLong(800_000_000L + System.nanoTime() % 10_000_000L);

    /**
     * A rating as the rating desk writes it, of an order of the unit at {@code orgPath}, handled at
     * SITE_SURVEY by {@code surveyor} and at POWER_ON by the inspector, given at 10:00 on {@code day}.
     */
    static String rated(JdbcClient jdbc, String orgPath, String type, int t, int a, int c, String flags, YearMonth in, int day,
            String surveyor) {
        long id = RATED.incrementAndGet();
        String orderNo = "YK-DB-" + id;
        Timestamp at = ts(in, day);
        long invitation = jdbc.sql("""
                insert into evaluation_invitation (order_id, order_no, type_code, org_path, phone_sealed, phone_index, token,
                    completed_at, send_after, invited_at, answered_at)
                values (?, ?, ?, ?, 'x', ?, ?, ?, ?, ?, ?) returning id""")
                .params(id, orderNo, type, orgPath, "idx" + id, "tok" + id, at, at, at, at).query(Long.class).single();
        long evaluation = jdbc.sql("""
                insert into evaluation (invitation_id, order_id, order_no, type_code, org_path, phone_index, address_index,
                    timeliness, attitude, communication, average, comment_text, reading_seconds, flags, submitted_at)
                values (?, ?, ?, ?, ?, ?, 'addr', ?, ?, ?, ?, '好', 60, ?, ?) returning id""")
                .params(invitation, id, orderNo, type, orgPath, "idx" + id, t, a, c,
                        BigDecimal.valueOf(t + a + c).divide(BigDecimal.valueOf(3), 2, RoundingMode.HALF_UP), flags, at)
                .query(Long.class).single();
        jdbc.sql("insert into evaluation_handler (evaluation_id, node_code, username) values (?, 'SITE_SURVEY', ?), (?, 'POWER_ON', 'inspector')")
                .params(evaluation, surveyor, evaluation).update();
        return orderNo;
    }

    static long evaluationId(JdbcClient jdbc, String orderNo) {
        return jdbc.sql("select id from evaluation where order_no = ?").param(orderNo).query(Long.class).single();
    }

    /** Removes the ratings given in these months, so that a test of a month sees its own only. */
    static void clearMonths(JdbcClient jdbc, YearMonth first, YearMonth last) {
        Timestamp from = ts(first, 1);
        Timestamp to = Timestamp.from(last.plusMonths(1).atDay(1).atStartOfDay(TestClock.ZONE).toInstant());
        jdbc.sql("delete from evaluation_trace where evaluation_id in (select id from evaluation where submitted_at >= ? and submitted_at < ?)")
                .params(from, to).update();
        jdbc.sql("delete from evaluation_handler where evaluation_id in (select id from evaluation where submitted_at >= ? and submitted_at < ?)")
                .params(from, to).update();
        jdbc.sql("delete from evaluation where submitted_at >= ? and submitted_at < ?").params(from, to).update();
    }

    static Timestamp ts(YearMonth month, int day) {
        return Timestamp.from(LocalDateTime.of(month.getYear(), month.getMonth(), day, 10, 0).atZone(TestClock.ZONE).toInstant());
    }

    private final ApplicationEventPublisher events;
    private final TransactionTemplate transactions;
    private final PersonalDataCipher cipher;
    private final JdbcClient jdbc;

    EvaluationFixtures(ApplicationEventPublisher events, TransactionTemplate transactions, PersonalDataCipher cipher, JdbcClient jdbc) {
        this.events = events;
        this.transactions = transactions;
        this.cipher = cipher;
        this.jdbc = jdbc;
    }

    /** An order completed at {@code at} whose applicant has {@code phone}; answers its number. */
    String completed(String phone, Instant at) {
        long id = ORDERS.incrementAndGet();
        String orderNo = "YK-EV-" + id;
        transactions.executeWithoutResult(s -> events.publishEvent(new OrderCompleted(id, orderNo, "LV_RES_NEW", "/1/2/",
                cipher.encrypt(phone), at)));
        return orderNo;
    }

    /** The completion event of {@code orderNo} once more, as a retried delivery would bring it. */
    void completedAgain(String orderNo, String phone, Instant at) {
        long id = Long.parseLong(orderNo.substring("YK-EV-".length()));
        transactions.executeWithoutResult(s -> events.publishEvent(new OrderCompleted(id, orderNo, "LV_RES_NEW", "/1/2/",
                cipher.encrypt(phone), at)));
    }

    String token(String orderNo) {
        return jdbc.sql("select token from evaluation_invitation where order_no = ?").param(orderNo).query(String.class).single();
    }

    long sms(String orderNo, String template) {
        return jdbc.sql("select count(*) from sms_outbox where business_ref = ? and template_code = ?").params(orderNo, template)
                .query(Long.class).single();
    }

    String lastCode(String phone) {
        String body = jdbc.sql("""
                select body from sms_outbox where phone_index = ? and template_code = 'verification-evaluation'
                order by id desc limit 1""").param(cipher.blindIndex(phone)).query(String.class).single();
        Matcher matcher = SIX_DIGITS.matcher(body);
        if (!matcher.find()) {
            throw new AssertionError("no code in " + body);
        }
        return matcher.group();
    }

    long ratings(String orderNo) {
        return jdbc.sql("select count(*) from evaluation where order_no = ?").param(orderNo).query(Long.class).single();
    }

    String flags(String orderNo) {
        return jdbc.sql("select flags from evaluation where order_no = ?").param(orderNo).query(String.class).single();
    }
}
