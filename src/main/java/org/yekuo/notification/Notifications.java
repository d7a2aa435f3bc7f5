package org.yekuo.notification;

import java.time.Clock;
import java.util.Map;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.yekuo.notification.internal.MobileNumber;
import org.yekuo.notification.internal.SmsOutbox;
import org.yekuo.notification.internal.SmsTemplates;

/**
 * Sends notifications on behalf of the other modules (SPEC R-X-4). A message is only queued here, in
 * the caller's transaction, so it goes out exactly when the business change commits; a dispatcher
 * sends it afterwards, with retries.
 */
@Service
public class Notifications {

    /** SMS providers allow at most this many characters in one template parameter. */
    public static final int MAX_PARAMETER_LENGTH = 35;

    /** A free text such as a person's or a department's name cut to what one template parameter may hold. */
    public static String fit(String value) {
        return value.length() > MAX_PARAMETER_LENGTH ? value.substring(0, MAX_PARAMETER_LENGTH) : value;
    }

    private final SmsTemplates templates;
    private final SmsOutbox outbox;
    private final Clock clock;

    Notifications(SmsTemplates templates, SmsOutbox outbox, Clock clock) {
        this.templates = templates;
        this.outbox = outbox;
        this.clock = clock;
    }

    /**
     * Queues an SMS from a pre-approved template ({@code notification.sms.<templateCode>}), rendered in
     * zh-CN. A link is written only as the template's fixed text with a short {@code token} parameter.
     *
     * @param phone     a mainland mobile number, 11 digits starting 1[3-9]
     * @param params    exactly the template's parameters
     * @param reference what the message is about (e.g. an application number), for the outbox view
     * @throws org.yekuo.shared.DomainException naming the field at fault: invalid phone, unknown
     *         template, a missing or unknown parameter
     * @throws org.springframework.transaction.IllegalTransactionStateException outside a transaction
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public SmsId sms(String phone, String templateCode, Map<String, String> params, String reference) {
        MobileNumber number = MobileNumber.parse("phone", phone);
        String text = templates.render(templateCode, params == null ? Map.of() : params);
        return new SmsId(outbox.add(number, templateCode, text, reference, clock.instant()));
    }
}
