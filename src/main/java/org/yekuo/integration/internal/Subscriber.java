package org.yekuo.integration.internal;

import java.time.Instant;
import java.util.List;

/** A system that receives the feed: where it is posted, which event types (empty: all), whether it is on. */
public record Subscriber(long id, String code, String name, String endpointUrl, List<String> eventTypes, boolean active,
        String createdBy, Instant createdAt) {
}
