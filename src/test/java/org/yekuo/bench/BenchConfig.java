package org.yekuo.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * What a benchmark run does, from system properties ({@code -Dbench.orders=...}); the defaults are the
 * full run of docs/performance.md.
 *
 * @param scale   fraction of the full generated history (1,000,000 finished and 50,000 open orders)
 * @param skip    stages left out: generate, pgbench, lifecycle, sweep, insight, latency
 * @param sweepOpenNodes open nodes the sweep probe measures at
 * @param sweepDue       of which due for a reminder
 * @param thinkMillis    mean think time of a client between two requests in the paced latency run
 * @param pacedSeconds   timed window of the paced latency run
 */
record BenchConfig(int orders, int threads, int warmupOrders, int rounds, double scale, int clients, int latencySeconds,
        int pgbenchSeconds, Path dataDirectory, Path output, Set<String> skip, List<Integer> sweepOpenNodes, int sweepDue,
        int thinkMillis, int pacedSeconds) {

    static final long FULL_FINISHED = 1_000_000;
    static final long FULL_OPEN = 50_000;

    static BenchConfig fromSystemProperties() {
        int latencySeconds = Integer.getInteger("bench.latency.seconds", 30);
        return new BenchConfig(Integer.getInteger("bench.orders", 2000), Integer.getInteger("bench.threads", 4),
                Integer.getInteger("bench.warmup", 200),
                Integer.getInteger("bench.rounds", 2), Double.parseDouble(System.getProperty("bench.scale", "1.0")),
                Integer.getInteger("bench.clients", 32), latencySeconds,
                Integer.getInteger("bench.pgbench.seconds", 20),
                Path.of(System.getProperty("bench.data", System.getProperty("user.home") + "/.yekuo-bench/pgdata")),
                Path.of(System.getProperty("bench.output", "target/benchmark/results.json")),
                Set.of(System.getProperty("bench.skip", "").split(",")),
                java.util.Arrays.stream(System.getProperty("bench.sweep.open", "5000,50000,500000").split(",")).map(String::trim)
                        .map(Integer::valueOf).toList(),
                Integer.getInteger("bench.sweep.due", SweepProbe.DUE), Integer.getInteger("bench.think.ms", 1000),
                // a paced client asks about once per think time, so the window is longer than the saturated one
                // to gather as many samples per scenario
                Integer.getInteger("bench.paced.seconds", 3 * latencySeconds));
    }

    long finishedOrders() {
        return Math.round(FULL_FINISHED * scale);
    }

    long openOrders() {
        return Math.round(FULL_OPEN * scale);
    }

    boolean runs(String stage) {
        return !skip.contains(stage);
    }
}
