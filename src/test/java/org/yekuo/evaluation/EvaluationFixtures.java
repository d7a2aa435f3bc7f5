package org.yekuo.evaluation;

import java.time.Instant;
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
