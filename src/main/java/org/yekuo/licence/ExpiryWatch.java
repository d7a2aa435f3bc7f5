package org.yekuo.licence;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.context.support.DefaultMessageSourceResolvable;
import org.springframework.core.annotation.Order;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.yekuo.audit.AuditTrail;
import org.yekuo.identity.CurrentUser;
import org.yekuo.intake.Application;
import org.yekuo.intake.Orders;
import org.yekuo.licence.internal.RetrievalRows;
import org.yekuo.licence.internal.RetrievalRows.Threshold;
import org.yekuo.notification.Notifications;
import org.yekuo.shared.DomainException;
import org.yekuo.shared.Times;
import org.yekuo.workflow.CompletionGate;

/**
 * The watch on the licences orders rest on (R-LIC-4). A sweep on every application node reminds the applicant by SMS,
 * once per licence and threshold (30 days ahead, and once it has passed), each reminder claimed by a conditional
 * update in its own transaction with its SMS (outbox) and audit record, so that across nodes and restarts each text
 * goes out once. While a licence of an order has expired, no node of the order is completed: every node rests on the
 * applicant's qualification, and the refusal names the licence and its date.
 */
@Component
@Order(20)
public class ExpiryWatch implements SchedulingConfigurer, CompletionGate {

    private static final Logger log = LoggerFactory.getLogger(ExpiryWatch.class);
    private static final int BATCH = 50;

    private final RetrievalRows rows;
    private final Orders orders;
    private final Notifications notifications;
    private final AuditTrail audit;
    private final MessageSource messages;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final Duration interval;

    ExpiryWatch(RetrievalRows rows, Orders orders, Notifications notifications, AuditTrail audit, MessageSource messages,
            PlatformTransactionManager transactions, Clock clock, @Value("${yekuo.licence.expiry.sweep-interval:1h}") Duration interval) {
        this.rows = rows;
        this.orders = orders;
        this.notifications = notifications;
        this.audit = audit;
        this.messages = messages;
        this.transaction = new TransactionTemplate(transactions);
        this.clock = clock;
        this.interval = interval;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        if (!interval.isZero()) {
            registrar.addFixedDelayTask(this::sweepLogged, interval);
        }
    }

    /** How many reminders one sweep sent, by threshold. */
    public record Result(int expiring, int expired) {
    }

    /** Sends every reminder due today; safe to run on several nodes at once. */
    public Result sweep() {
        LocalDate today = LocalDate.now(clock);
        return new Result(step(Threshold.DAYS_30, today), step(Threshold.EXPIRED, today));
    }

    private void sweepLogged() {
        try {
            Result result = sweep();
            if (result.expiring() + result.expired() > 0) {
                log.info("Licence expiry sweep: {} reminded of an end within 30 days, {} of an expired licence", result.expiring(),
                        result.expired());
            }
        } catch (RuntimeException e) {
            log.warn("Licence expiry sweep failed, will retry on the next run", e);
        }
    }

    private int step(Threshold threshold, LocalDate today) {
        int done = 0;
        while (true) {
            List<RetrievalRows.KeptLicence> due = rows.dueForReminder(threshold, today, BATCH);
            int claimedNow = 0;
            for (RetrievalRows.KeptLicence licence : due) {
                try {
                    Boolean claimed = transaction.execute(status -> {
                        Instant now = clock.instant();
                        if (!rows.claimReminder(licence.id(), threshold, now)) {
                            return false;
                        }
                        remind(licence, threshold);
                        return true;
                    });
                    if (Boolean.TRUE.equals(claimed)) {
                        claimedNow++;
                    }
                } catch (RuntimeException e) {
                    log.warn("Licence expiry reminder {} could not be sent, will retry on the next run", licence.id(), e);
                }
            }
            done += claimedNow;
            if (due.size() < BATCH || claimedNow == 0) {
                return done;
            }
        }
    }

    private void remind(RetrievalRows.KeptLicence licence, Threshold threshold) {
        Application order = orders.find(licence.orderId()).orElseThrow();
        String phone = orders.applicantIdentity(order.id()).phone();
        String kind = messages.getMessage(licence.kind().messageKey(), null, Locale.SIMPLIFIED_CHINESE);
        String template = threshold == Threshold.DAYS_30 ? "licence-expiring" : "licence-expired";
        notifications.sms(phone, template, Map.of("number", order.orderNo(), "kind", kind, "date",
                Times.DAY.format(licence.fields().validUntil()), "token", order.progressToken()), order.orderNo());
        audit.record(threshold == Threshold.DAYS_30 ? LicenceAudit.EXPIRY_REMINDED : LicenceAudit.EXPIRED_REMINDED, "application",
                order.orderNo(), "licenceKind=" + licence.kind() + " licence=" + licence.licenceNo() + " validUntil="
                        + licence.fields().validUntil());
    }

    @Override
    public void requireClear(long orderId, CurrentUser user) {
        List<RetrievalRows.KeptLicence> expired = rows.expired(orderId, LocalDate.now(clock));
        if (!expired.isEmpty()) {
            RetrievalRows.KeptLicence first = expired.get(0);
            throw DomainException.conflict("licence.expiry.blocked", new DefaultMessageSourceResolvable(
                    first.kind().messageKey()), first.fields().validUntil());
        }
    }
}
