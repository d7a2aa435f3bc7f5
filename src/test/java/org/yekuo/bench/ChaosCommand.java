package org.yekuo.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Entry point of {@code chaos/run} ({@code ./mvnw -o -Pchaos test}): a chaos run as one JUnit run, configured by
 * {@code -Dchaos.*} properties (see {@link Chaos.Config}); it prints its figures and fails when an invariant broke.
 */
class ChaosCommand {

    @Test
    void run() throws Exception {
        Chaos.Report report = new Chaos(Chaos.Config.fromSystemProperties()).run();
        report.print();
        assertThat(report.violations()).isEmpty();
    }
}
