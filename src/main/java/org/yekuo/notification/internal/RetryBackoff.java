package org.yekuo.notification.internal;

import java.time.Duration;

/** Exponential backoff: the first delay after one failed attempt, doubling after each further one, capped. */
record RetryBackoff(Duration first, Duration max) {

    Duration after(int failedAttempts) {
        int doublings = Math.max(0, Math.min(failedAttempts - 1, 30));
        Duration delay = first.multipliedBy(1L << doublings);
        return delay.compareTo(max) > 0 ? max : delay;
    }
}
