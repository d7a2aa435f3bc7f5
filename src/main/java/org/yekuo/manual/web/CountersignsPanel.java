package org.yekuo.manual.web;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;
import org.yekuo.identity.CurrentUser;
import org.yekuo.identity.StaffMembers;
import org.yekuo.identity.WorkbenchPanel;
import org.yekuo.intake.Orders;
import org.yekuo.manual.Countersign;
import org.yekuo.manual.Countersigns;

/**
 * The co-handler's to-do on the workbench (R-STD-2): countersigns uncertified colleagues asked them for, so that a
 * request does not wait unseen on a page they seldom open. Left out when nothing waits.
 */
@Component
class CountersignsPanel implements WorkbenchPanel {

    private final Countersigns countersigns;
    private final Orders orders;
    private final StaffMembers staff;

    CountersignsPanel(Countersigns countersigns, Orders orders, StaffMembers staff) {
        this.countersigns = countersigns;
        this.orders = orders;
        this.staff = staff;
    }

    /** One request as the panel lists it: the order's number when the reader may see the order. */
    record Waiting(long id, long orderId, String orderNo, String nodeCode, String handlerName, Instant requestedAt) {
    }

    @Override
    public String template() {
        return "manual/countersigns-panel";
    }

    @Override
    public Map<String, Object> model(CurrentUser user) {
        List<Countersign> waiting = countersigns.waitingFor(user);
        if (waiting.isEmpty()) {
            return null;
        }
        Map<Long, Orders.OrderHeadline> headlines = orders.headlines(waiting.stream().map(Countersign::orderId).toList(), user);
        Map<String, String> names = staff.displayNames(waiting.stream().map(Countersign::handler).toList());
        return Map.of("waiting", waiting.stream().map(c -> new Waiting(c.id(), c.orderId(),
                headlines.containsKey(c.orderId()) ? headlines.get(c.orderId()).orderNo() : null, c.nodeCode(),
                names.getOrDefault(c.handler(), c.handler()), c.requestedAt())).toList());
    }
}
