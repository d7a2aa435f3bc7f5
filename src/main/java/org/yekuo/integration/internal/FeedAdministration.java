package org.yekuo.integration.internal;

import java.time.Clock;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.yekuo.audit.AuditTrail;
import org.yekuo.shared.DomainException;

/** What an administrator does to a delivery: send it again (a failed one, or one a subscriber lost), audited. */
@Service
public class FeedAdministration {

    private final EventFeed feed;
    private final AuditTrail audit;
    private final Clock clock;

    FeedAdministration(EventFeed feed, AuditTrail audit, Clock clock) {
        this.feed = feed;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional
    public Delivery replay(long id) {
        Delivery delivery = feed.find(id).orElseThrow(() -> DomainException.notFound("integration.delivery.not-found", id));
        if (!feed.replay(id, clock.instant())) {
            throw DomainException.conflict("integration.delivery.not-replayable", id);
        }
        audit.record(IntegrationAudit.DELIVERY_REPLAYED, "webhook-delivery", String.valueOf(id), "subscriber="
                + delivery.subscriberCode() + " event=" + delivery.eventId() + " order=" + delivery.orderNo()
                + " was=" + delivery.status());
        return feed.find(id).orElseThrow();
    }
}
