package org.yekuo.notification.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers to the local inbox, so that the product sends SMS with nothing installed. It stands in for the customer's
 * phone: the whole message, code included, is written to the log for whoever tries the product; the inbox shows it masked.
 */
class LocalSmsGateway implements SmsGateway {

    private static final Logger log = LoggerFactory.getLogger(LocalSmsGateway.class);

    private final SmsInbox inbox;

    LocalSmsGateway(SmsInbox inbox) {
        this.inbox = inbox;
    }

    @Override
    public void send(long outboxId, String phone, String text) {
        MobileNumber number = new MobileNumber(phone);
        if (!inbox.receive(outboxId, number, text)) {
            log.info("SMS {} to {} was delivered before; not delivered again", outboxId, number.masked());
        } else {
            log.info("SMS {} to {}: {}", outboxId, number.masked(), text);
        }
    }

    @Override
    public Delivery delivery(long outboxId) {
        return inbox.received(outboxId) ? Delivery.ACCEPTED : Delivery.NOT_RECEIVED;
    }
}
