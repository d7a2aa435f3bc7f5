package org.yekuo.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A short chaos run with a fixed seed, so that the harness and the invariants it checks cannot rot: two nodes, one
 * {@code kill -9} and one database outage while staff work orders of every family (R-X-4), and the product's clock
 * moves on by 24 hours every 3 seconds, so that nodes turn yellow, handlers are reminded and overdue orders are locked
 * and released meanwhile (R-SLA-3/4/5). The long run is {@code chaos/run}, reported in docs/reliability.md.
 */
class ChaosSmokeTests {

    /** Kept after the run: each node's log and journal explain a violation. */
    private final Path directory = Path.of("target", "chaos-smoke");

    @Test
    @DisplayName("R-X-4 R-SLA-4 two nodes with one killed and the database stopped meanwhile lose, double and skip nothing, and lock each overdue node once")
    void shortSeededRunKeepsEveryInvariant() throws Exception {
        Chaos.Report report = new Chaos(new Chaos.Config(7, 2, 2, 8, Duration.ofSeconds(40), 1, Duration.ofSeconds(5),
                Duration.ofMinutes(4), Duration.ofHours(24), Duration.ofSeconds(3), directory)).run();
        report.print();
        assertThat(report.violations()).isEmpty();
        assertThat(report.figures().get("kill -9")).isEqualTo(1);
        assertThat(report.figures().get("orders accepted (confirmed to staff)")).isPositive();
        assertThat(report.figures().get("orders powered on")).isPositive();
        assertThat(report.figures().get("overdue locks (head warned)")).isPositive();
        assertThat(report.figures().get("locks released (explained, approved)")).isPositive();
    }
}
