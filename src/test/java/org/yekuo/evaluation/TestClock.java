package org.yekuo.evaluation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;

import org.yekuo.deadline.DeadlineTestClock;

/** A clock in the utility's zone that a test sets and moves, for the services it builds itself. */
final class TestClock extends Clock {

    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private volatile Instant now;
    private final boolean shared;

    /** A clock of the test's own. */
    TestClock(LocalDateTime local) {
        this(local, false);
    }

    /** With {@code shared}, setting it sets the clock of the whole application context too ({@link DeadlineTestClock}). */
    TestClock(LocalDateTime local, boolean shared) {
        this.shared = shared;
        set(local);
    }

    void set(LocalDateTime local) {
        set(local.atZone(ZONE).toInstant());
    }

    void set(Instant instant) {
        now = instant;
        if (shared) {
            DeadlineTestClock.set(instant);
        }
    }

    void pass(Duration duration) {
        set(now.plus(duration));
    }

    @Override
    public ZoneId getZone() {
        return ZONE;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return Clock.fixed(now, zone);
    }

    @Override
    public Instant instant() {
        return now;
    }
}
