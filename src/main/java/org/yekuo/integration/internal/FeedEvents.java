package org.yekuo.integration.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.yekuo.deadline.NodeOverdue;
import org.yekuo.intake.Application;
import org.yekuo.intake.OrderAccepted;
import org.yekuo.intake.OrderCompleted;
import org.yekuo.intake.OrderResumed;
import org.yekuo.intake.OrderSuspended;
import org.yekuo.intake.Orders;
import org.yekuo.review.ReviewDecided;
import org.yekuo.workflow.NodeCompleted;
import org.yekuo.workflow.NodeReached;
import org.yekuo.workflow.ProcessCancelled;

/**
 * Turns the order's domain events into the feed's events, in the transaction that publishes them, so an
 * event goes out exactly when its change commits (R-X-7). The feed carries order numbers, codes and times,
 * never the customer's personal data: a subscriber that needs more asks the API with its own rights.
 */
@Component
class FeedEvents {

    private final EventFeed feed;
    private final Orders orders;

    FeedEvents(EventFeed feed, Orders orders) {
        this.feed = feed;
        this.orders = orders;
    }

    @EventListener
    void on(OrderAccepted event) {
        feed.record(FeedEventType.ORDER_ACCEPTED, event.orderId(), event.orderNo(), event.acceptedAt(),
                data("typeCode", event.typeCode(), "channel", event.channel()));
    }

    @EventListener
    void on(NodeReached event) {
        if (event.orderNo() == null) {
            return;
        }
        feed.record(FeedEventType.NODE_REACHED, event.orderId().value(), event.orderNo(), event.reachedAt(),
                data("node", event.nodeCode(), "taskId", event.taskId().value(), "roles", List.copyOf(new TreeSet<>(event.roles()))));
    }

    @EventListener
    void on(NodeCompleted event) {
        if (event.orderNo() == null) {
            return;
        }
        feed.record(FeedEventType.NODE_COMPLETED, event.orderId().value(), event.orderNo(), event.completedAt(),
                data("node", event.nodeCode(), "taskId", event.taskId().value()));
    }

    @EventListener
    void on(OrderSuspended event) {
        feed.record(FeedEventType.ORDER_SUSPENDED, event.orderId(), event.orderNo(), event.suspendedAt(),
                data("node", event.nodeCode(), "waitingFor", event.waitingFor()));
    }

    @EventListener
    void on(OrderResumed event) {
        feed.record(FeedEventType.ORDER_RESUMED, event.orderId(), event.orderNo(), event.resumedAt(), data("node", event.nodeCode()));
    }

    @EventListener
    void on(ReviewDecided event) {
        feed.record(FeedEventType.REVIEW_DECIDED, event.orderId(), event.orderNo(), event.decidedAt(),
                data("round", event.roundNo(), "outcome", event.outcome().name(), "ruledByLeader", event.ruled()));
    }

    @EventListener
    void on(NodeOverdue event) {
        feed.record(FeedEventType.NODE_OVERDUE, event.orderId(), event.orderNo(), event.overdueAt(),
                data("node", event.nodeCode(), "taskId", event.taskId(), "dueAt", event.dueAt().toString()));
    }

    @EventListener
    void on(OrderCompleted event) {
        feed.record(FeedEventType.ORDER_POWERED_ON, event.orderId(), event.orderNo(), event.completedAt(),
                data("typeCode", event.typeCode()));
    }

    @EventListener
    void on(ProcessCancelled event) {
        orders.find(event.orderId().value()).map(Application::orderNo).ifPresent(orderNo -> feed.record(FeedEventType.ORDER_CANCELLED,
                event.orderId().value(), orderNo, event.cancelledAt(), data("reason", event.reason())));
    }

    private static Map<String, Object> data(Object... pairs) {
        Map<String, Object> data = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            data.put((String) pairs[i], pairs[i + 1]);
        }
        return data;
    }
}
