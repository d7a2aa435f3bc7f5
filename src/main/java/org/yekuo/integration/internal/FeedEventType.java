package org.yekuo.integration.internal;

import java.util.Arrays;
import java.util.Optional;

/**
 * The events of the feed, named as CloudEvents types ({@code cn.yekuo.} and the code); each one's display name
 * is the message {@code integration.event.<code>}.
 */
public enum FeedEventType {
    ORDER_ACCEPTED("order.accepted"),
    NODE_REACHED("node.reached"),
    NODE_COMPLETED("node.completed"),
    ORDER_SUSPENDED("order.suspended"),
    ORDER_RESUMED("order.resumed"),
    REVIEW_DECIDED("review.decided"),
    NODE_OVERDUE("node.overdue"),
    ORDER_POWERED_ON("order.powered-on"),
    ORDER_CANCELLED("order.cancelled");

    private final String code;

    FeedEventType(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public String type() {
        return EventFeed.TYPE_PREFIX + code;
    }

    public String messageKey() {
        return "integration.event." + code;
    }

    static Optional<FeedEventType> ofType(String type) {
        return Arrays.stream(values()).filter(t -> t.type().equals(type) || t.code.equals(type)).findFirst();
    }
}
