package org.yekuo.bench;

import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.Map;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.yekuo.EmbeddedPostgres;
import org.yekuo.YekuoApplication;
import org.yekuo.catalogue.Catalogue;

/**
 * The benchmark command (docs/performance.md): fills PostgreSQL with a province's history, then measures
 * lifecycle throughput against the bare engine with pgbench as the ceiling, the deadline queries, and
 * interactive latency, memory and start-up of the product in a child JVM with {@code -Xmx512m}. Every
 * figure that has a baseline is measured against it in the same run.
 */
public final class Benchmark {

    static final String THROUGHPUT = "lifecycle throughput";
    /**
     * Fixed keys for the benchmark's database only, so that the in-process run, the child JVM and a later
     * run all read the personal data the generator sealed.
     */
    static final Map<String, String> KEYS = Map.of("yekuo.crypto.personal-data-key", "YmVuY2gta2V5LTAxMjM0NQ==",
            "yekuo.crypto.index-key", "YmVuY2gtaWR4LTAxMjM0NQ==");

    private Benchmark() {
    }

    public static void main(String[] args) throws Exception {
        BenchConfig config = BenchConfig.fromSystemProperties();
        Results results;
        try (BenchDatabase db = BenchDatabase.forRun(config.dataDirectory(), "yekuo_bench")) {
            results = run(config, db);
        }
        System.out.println(results.table());
        results.write(config.output());
        System.out.println("Written to " + config.output().toAbsolutePath());
        if (!results.failures().isEmpty()) {
            throw results.failures().get(0);
        }
    }

    static Results run(BenchConfig config, BenchDatabase db) throws Exception {
        Results results = new Results();
        results.context("machine", Runtime.getRuntime().availableProcessors() + " cores, load average "
                + String.format("%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()) + " at start");
        results.context("database", db.url().replaceAll("password=[^&]*", ""));
        results.context("scale", config.scale() + " (" + config.finishedOrders() + " finished, " + config.openOrders() + " open)");
        results.context("orders", config.orders() + " on " + config.threads() + " threads");
        try (ConfigurableApplicationContext context = yekuo(db)) {
            if (config.runs("generate")) {
                new HistoryGenerator(context, db).ensure(config.finishedOrders(), config.openOrders(), results);
            }
            if (config.runs("pgbench")) {
                Pgbench.Result ceiling = Pgbench.run(db, config.threads(), config.pgbenchSeconds());
                results.add(THROUGHPUT, "pgbench TPC-B (ceiling)", ceiling.tps(), "tx/s", null, ceiling.note());
            }
            if (config.runs("lifecycle")) {
                stage(results, THROUGHPUT, () -> lifecycle(config, db, context, results));
            }
            if (config.runs("sweep")) {
                stage(results, SweepProbe.SECTION, () -> new SweepProbe(context, db,
                        config.sweepOpenNodes().stream().mapToInt(Integer::intValue).toArray(), config.sweepDue()).measure(results));
            }
        }
        if (config.runs("latency")) {
            stage(results, LatencyHarness.SECTION,
                    () -> new LatencyHarness(db, config.clients(), config.latencySeconds(), config.thinkMillis(), config.pacedSeconds())
                            .measure(results));
        }

        results.context("load average at end",
                String.format("%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
        return results;
    }

    private interface Stage {
        void run() throws Exception;
    }

    /** Runs one stage; a failure is recorded in the table and the run goes on with the next stage. */
    private static void stage(Results results, String section, Stage stage) {
        try {
            stage.run();
        } catch (Exception e) {
            results.failed(section, e);
        }
    }

    /** Yekuo in this JVM on the benchmark database, as the generator and the throughput run use it. */
    static ConfigurableApplicationContext yekuo(BenchDatabase db) {
        EmbeddedPostgres.useDatabase(db.url(), db.username(), db.password());
        Map<String, Object> properties = new HashMap<>();
        properties.put("server.port", "0");
        properties.put("logging.level.root", "warn");
        properties.put("spring.main.banner-mode", "off");
        properties.putAll(KEYS);
        return new SpringApplicationBuilder(YekuoApplication.class).properties(properties).run();
    }

    private static void lifecycle(BenchConfig config, BenchDatabase db, ConfigurableApplicationContext context,
            Results results) throws Exception {
        var plans = Lifecycle.plans(context.getBean(Catalogue.class));
        Lifecycle yekuo = new Lifecycle(context, NodeDrivers.forProduct(context));
        yekuo.run(config.warmupOrders(), config.threads());
        long before = db.committedTransactions();
        long start = System.nanoTime();
        long yekuoTasks = yekuo.run(config.orders(), config.threads());
        double yekuoSeconds = (System.nanoTime() - start) / 1e9;
        Thread.sleep(1500); // the statistics collector flushes each backend's counts within a second
        long yekuoTransactions = db.committedTransactions() - before - 1;

        double bareSeconds;
        long bareTasks;
        long bareTransactions;
        try (BareEngine bare = new BareEngine(db, context.getEnvironment().getProperty("spring.datasource.hikari.maximum-pool-size",
                Integer.class, 10))) {
            bare.run(config.warmupOrders(), config.threads(), plans);
            before = db.committedTransactions();
            start = System.nanoTime();
            bareTasks = bare.run(config.orders(), config.threads(), plans);
            bareSeconds = (System.nanoTime() - start) / 1e9;
            Thread.sleep(1500);
            bareTransactions = db.committedTransactions() - before - 1;
        }
        double yekuoRate = config.orders() / yekuoSeconds;
        double bareRate = config.orders() / bareSeconds;
        results.add(THROUGHPUT, "Yekuo orders/s", yekuoRate, "orders/s", null,
                yekuoTasks + " tasks in " + String.format("%.1f", yekuoSeconds) + " s");
        results.add(THROUGHPUT, "bare engine orders/s", bareRate, "orders/s", null,
                bareTasks + " tasks in " + String.format("%.1f", bareSeconds) + " s");
        results.add(THROUGHPUT, "ratio Yekuo / bare engine", yekuoRate / bareRate, "", ">= 0.6", null);
        results.add(THROUGHPUT, "Yekuo transactions per order", (double) yekuoTransactions / config.orders(), "tx", null,
                "pg_stat_database xact_commit delta, all sessions");
        results.add(THROUGHPUT, "bare engine transactions per order", (double) bareTransactions / config.orders(), "tx", null,
                null);
    }
}
