package org.yekuo.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

import org.yekuo.shared.ClockConfiguration;

/**
 * The product's clock on a chaos node: real time, moved on by {@code step} every {@code period} of real time since
 * the run's load began, so that time limits of working days pass within a run. The run announces that moment in a
 * file once every node is up (until then, and while starting, the clock keeps real time); every node computes the
 * product time from the machine's own clock and the same three figures, so all nodes agree without talking to each
 * other, also a node started again after {@code kill -9}. Between steps it runs at real speed, so that leases and
 * time-outs keep their length; at each step every lease taken just before runs out at once, as after a real jump of
 * the clock.
 */
final class ChaosClock extends Clock {

    static final String ORIGIN_FILE = "chaos.clock.origin-file";
    static final String PERIOD = "chaos.clock.period-ms";
    static final String STEP = "chaos.clock.step-minutes";

    private final Path originFile;
    private final Duration period;
    private final Duration step;
    private final ZoneId zone;
    private volatile Instant origin;
    private volatile long lookedAt;

    ChaosClock(Path originFile, Duration period, Duration step, ZoneId zone) {
        if (period.isZero() || period.isNegative()) {
            throw new IllegalArgumentException("A chaos clock steps after a positive period, got " + period);
        }
        this.originFile = originFile;
        this.period = period;
        this.step = step;
        this.zone = zone;
    }

    /** The clock the run passed to this node, or null when the run moves no time. */
    static ChaosClock fromSystemProperties() {
        String file = System.getProperty(ORIGIN_FILE);
        if (file == null) {
            return null;
        }
        return new ChaosClock(Path.of(file), Duration.ofMillis(Long.getLong(PERIOD)), Duration.ofMinutes(Long.getLong(STEP)),
                ClockConfiguration.UTILITY_ZONE);
    }

    /** Announces to every node's clock that the steps start now. */
    static void announce(Path originFile) throws IOException {
        Path written = originFile.resolveSibling(originFile.getFileName() + ".new");
        Files.writeString(written, String.valueOf(System.currentTimeMillis()));
        Files.move(written, originFile, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The product time at real time {@code real}. */
    Instant at(Instant real) {
        Instant from = origin();
        if (from == null || real.isBefore(from)) {
            return real;
        }
        return real.plus(step.multipliedBy(Duration.between(from, real).toMillis() / period.toMillis()));
    }

    /**
     * The real time at which this clock showed {@code product}: how a run measures delays in real time, where the
     * sweep's pace is set. A product time that a step skipped maps to the moment of that step.
     */
    Instant realAt(Instant product) {
        Instant from = origin();
        if (from == null || product.isBefore(from)) {
            return product;
        }
        long cycle = period.toMillis() + step.toMillis();
        long since = Duration.between(from, product).toMillis();
        return from.plusMillis(since / cycle * period.toMillis() + Math.min(since % cycle, period.toMillis()));
    }

    private Instant origin() {
        Instant known = origin;
        if (known == null && System.currentTimeMillis() - lookedAt > 100) {
            lookedAt = System.currentTimeMillis();
            try {
                if (Files.exists(originFile)) {
                    known = Instant.ofEpochMilli(Long.parseLong(Files.readString(originFile).trim()));
                    origin = known;
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return known;
    }

    @Override
    public Instant instant() {
        return at(Instant.now());
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId other) {
        return new ChaosClock(originFile, period, step, other);
    }
}
