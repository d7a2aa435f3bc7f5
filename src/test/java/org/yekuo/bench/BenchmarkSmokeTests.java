package org.yekuo.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yekuo.EmbeddedPostgres;

/**
 * The benchmark command at a tiny scale, in a scratch database of the test server, so that it cannot rot:
 * it must complete and report every figure with a sane value. Nothing here is timed.
 */
class BenchmarkSmokeTests {

    @TempDir
    Path output;

    @Test
    @DisplayName("the benchmark generates a small history, drives orders through Yekuo and the bare engine, probes the sweep "
            + "and serves the latency run from a child JVM")
    void benchmarkRunsEndToEndAtTinyScale() throws Exception {
        String server = EmbeddedPostgres.jdbcUrl();
        // Eight orders, so that the mix reaches an HV order (its design review decides the way on) on both sides.
        BenchConfig config = new BenchConfig(8, 2, 2, 2, 0.0002, 4, 3, 2, output.resolve("pgdata"), output.resolve("results.json"),
                Set.of(), List.of(25, 300), 20, 50, 2);
        Results results;
        try (BenchDatabase db = BenchDatabase.scratch(server, "postgres", "postgres")) {
            results = Benchmark.run(config, db);
            results.write(config.output());
            try (var c = db.connect(); var s = c.createStatement();
                    var rs = s.executeQuery("select count(*) from application where status = 'COMPLETED'")) {
                rs.next();
                assertThat(rs.getLong(1)).isGreaterThanOrEqualTo(200 + 8 + 2);
            }
        } finally {
            // The scratch database is gone; later contexts in this JVM use the test database again.
            EmbeddedPostgres.useTestDatabase();
        }
        assertThat(results.failures()).isEmpty();
        assertThat(results.figure(HistoryGenerator.SECTION, "audit chain verified").value()).isEqualTo(1.0);
        // The HV orders of the history were reviewed, and every open task of the open orders has its deadline row.
        assertThat(results.figure(HistoryGenerator.SECTION, "review rounds").value()).isPositive();
        assertThat(results.figure(HistoryGenerator.SECTION, "review rounds").note()).doesNotStartWith("0 ");
        assertThat(results.figure(HistoryGenerator.SECTION, "open node_deadline rows").note())
                .isEqualTo(results.figure(HistoryGenerator.SECTION, "open node_deadline rows").value().longValue() + " open engine tasks");
        assertThat(results.figure(Benchmark.THROUGHPUT, "Yekuo orders/s").value()).isPositive();
        // R-SLA-9 the event log streams from the child JVM at -Xmx512m in both formats.
        for (String format : List.of("XES", "OCEL")) {
            assertThat(results.figure(LatencyHarness.MEMORY, "event log export, " + format + ", one year of the company").note())
                    .contains("MB streamed");
        }
        assertThat(results.figure(Benchmark.THROUGHPUT, "bare engine orders/s").value()).isPositive();
        assertThat(results.figure(Benchmark.THROUGHPUT, "Yekuo transactions per order").value()).isGreaterThan(1);
        // Where the server counts statements (pg_stat_statements), both sides report theirs, more than their transactions.
        for (String side : List.of("Yekuo", "bare engine")) {
            var statements = results.figure(Benchmark.THROUGHPUT, side + " statements per order");
            if (statements != null) {
                assertThat(statements.value()).isGreaterThan(results.figure(Benchmark.THROUGHPUT, side + " transactions per order").value());
            }
        }
        // The baseline writes its history next to a copy of Yekuo's, as large as the generated one.
        assertThat(results.context().get("baseline history")).matches("Yekuo's engine history, [1-9]\\d* rows copied in \\d+ s");
        assertThat(results.figure(SweepProbe.SECTION, "open nodes in the generated data")).isNotNull();
        // The real sweep found and sent exactly the reminders the probe made due, at each size.
        assertThat(results.figures().stream().filter(f -> f.section().equals(SweepProbe.SECTION) && f.name().startsWith("DeadlineSweep.sweep()")))
                .hasSize(2).allSatisfy(f -> assertThat(f.note()).startsWith("20 due"));
        assertThat(results.figure(LatencyHarness.SATURATED, "my tasks (GET /api/tasks) p95").value()).isPositive();
        assertThat(results.figure(LatencyHarness.SATURATED, "board counts by colour (GET /api/deadlines/counts) p95").value()).isPositive();
        // The paced run's window is too short here for every scenario to be drawn; that it served requests is enough.
        assertThat(results.figure(LatencyHarness.PACED, "requests").value()).isPositive();
        assertThat(results.figure(LatencyHarness.PACED, "requests").note()).contains("think time").endsWith(" 0 failed");
        assertThat(results.figure(LatencyHarness.MEMORY, "start-up to first answer").value()).isPositive();
        assertThat(results.figure(Benchmark.STORAGE, "database size").value()).isPositive();
        assertThat(results.figure(Benchmark.STORAGE, "database size").note()).matches("largest with indexes: \\w+ \\d+ \\w+, .*");
        assertThat(results.table()).contains("ratio Yekuo / bare engine");
        assertThat(Files.readString(config.output())).startsWith("{").contains("\"figures\"").contains("\"pgbench TPC-B (ceiling)\"");
    }
}
