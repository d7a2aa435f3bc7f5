package org.yekuo.notification.internal;

import java.time.Clock;
import java.util.Map;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.yekuo.audit.AuditTrail;
import org.yekuo.notification.Notifications;
import org.yekuo.shared.DomainException;
import org.yekuo.shared.Times;

/** What administrators do with SMS: retry a failed message, send a test message. Both are audited. */
@Service
public class SmsAdministration {

    static final String TEST_TEMPLATE = "test";

    private final SmsOutbox outbox;
    private final Notifications notifications;
    private final AuditTrail audit;
    private final Clock clock;

    SmsAdministration(SmsOutbox outbox, Notifications notifications, AuditTrail audit, Clock clock) {
        this.outbox = outbox;
        this.notifications = notifications;
        this.audit = audit;
        this.clock = clock;
    }

    /** Gives a FAILED message a fresh set of attempts. */
    @Transactional
    public OutboxEntry retry(long id) {
        OutboxEntry entry = outbox.find(id).orElseThrow(() -> DomainException.notFound("notification.outbox.not-found", String.valueOf(id)));
        if (entry.status() != OutboxStatus.FAILED || !outbox.requeueFailed(id, clock.instant())) {
            throw DomainException.conflict("notification.outbox.not-failed", String.valueOf(id));
        }
        audit.record(NotificationAudit.SMS_RETRY, "sms", String.valueOf(id),
                "template " + entry.templateCode() + " to " + entry.phoneMasked() + " after " + entry.attempts() + " attempts");
        return outbox.find(id).orElseThrow();
    }

    /** Queues the {@code test} template to a phone, to check the channel end to end. */
    @Transactional
    public OutboxEntry sendTest(String phone) {
        long id = notifications.sms(phone, TEST_TEMPLATE, Map.of("time", Times.MINUTES.format(clock.instant().atZone(clock.getZone()))),
                "test").value();
        OutboxEntry entry = outbox.find(id).orElseThrow();
        audit.record(NotificationAudit.SMS_TEST, "sms", String.valueOf(id), "test SMS to " + entry.phoneMasked());
        return entry;
    }
}
