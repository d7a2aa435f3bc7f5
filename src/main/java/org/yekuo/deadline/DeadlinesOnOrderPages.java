package org.yekuo.deadline;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Component;
import org.yekuo.identity.CurrentUser;
import org.yekuo.intake.ExpectedCompletions;
import org.yekuo.intake.OrderPageContribution;

/**
 * What the order's clock shows on intake's pages: each listed open order's worst colour, the order page's deadline
 * card with the deadlines of its timeline and open nodes (every node of the order has one), and the expected
 * completion on the order, receipt and progress pages (R-SLA-8).
 */
@Component
class DeadlinesOnOrderPages implements OrderPageContribution, ExpectedCompletions {

    private final Deadlines deadlines;

    DeadlinesOnOrderPages(Deadlines deadlines) {
        this.deadlines = deadlines;
    }

    @Override
    public Map<String, Object> orderList(List<Long> openOrderIds) {
        return Map.of("colours", deadlines.colours(openOrderIds));
    }

    @Override
    public Map<String, Object> order(long orderId, CurrentUser reader) {
        OrderDeadlines card = deadlines.ofOrder(orderId, reader);
        return Map.of("deadlineCard", card, "nodeDeadlines", card.byTask());
    }

    @Override
    public Optional<Expected> of(long orderId) {
        return deadlines.expectedCompletion(orderId).map(e -> new Expected(e.date(), e.provisional(), e.paused()));
    }
}
