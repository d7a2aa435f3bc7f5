package org.yekuo.deadline;

import java.time.Clock;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * One movable clock for every application context of the deadline tests (two contexts of the cluster
 * test share it, as two nodes share real time). Tests set it to dates in 2026 before the real date,
 * so the rows of other tests, due in real time, are never due on it.
 */
@TestConfiguration(proxyBeanMethods = false)
public class DeadlineTestClock {

    static final MovableClock CLOCK = new MovableClock();

    /** Sets the shared clock, for tests of other modules that run in this context and move time too. */
    public static void set(java.time.Instant instant) {
        CLOCK.set(instant);
    }

    @Bean
    @Primary
    Clock movableClock() {
        return CLOCK;
    }
}
