package org.yekuo.shared;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * A value read from the database at most once per interval, for gauges and health details: every node
 * is scraped and probed every few seconds, and counting a table each time would cost more than it tells.
 */
public final class Sampled<T> {

    private final Supplier<T> source;
    private final Duration interval;
    private final Clock clock;
    private T value;
    private Instant readAt;

    public Sampled(Supplier<T> source, Duration interval, Clock clock) {
        this.source = source;
        this.interval = interval;
        this.clock = clock;
    }

    public synchronized T get() {
        Instant now = clock.instant();
        if (readAt == null || !now.isBefore(readAt.plus(interval))) {
            value = source.get();
            readAt = now;
        }
        return value;
    }
}
