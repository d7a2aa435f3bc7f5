package org.yekuo.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.boot.test.context.TestComponent;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.type.classreading.MetadataReader;
import org.springframework.core.type.classreading.MetadataReaderFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
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
    static final String STORAGE = "storage";
    /** Statements listed per side in lifecycle-statements.txt. */
    private static final int STATEMENTS = 25;
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

    /** What the operator provisions disk and backups for: the database's size and its largest tables. */
    private static void storage(ConfigurableApplicationContext context, Results results) {
        JdbcClient jdbc = context.getBean(JdbcClient.class);
        long bytes = jdbc.sql("select pg_database_size(current_database())").query(Long.class).single();
        String largest = String.join(", ", jdbc.sql("""
                select c.relname || ' ' || pg_size_pretty(pg_total_relation_size(c.oid)) from pg_class c
                join pg_namespace n on n.oid = c.relnamespace
                where c.relkind = 'r' and n.nspname = current_schema() order by pg_total_relation_size(c.oid) desc limit 6""")
                .query(String.class).list());
        results.add(STORAGE, "database size", bytes / 1e9, "GB", null, "largest with indexes: " + largest);
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
            storage(context, results);
            if (config.runs("pgbench")) {
                Pgbench.Result ceiling = Pgbench.run(db, config.threads(), config.pgbenchSeconds());
                results.add(THROUGHPUT, "pgbench TPC-B (ceiling)", ceiling.tps(), "tx/s", null, ceiling.note());
            }
            if (config.runs("lifecycle")) {
                stage(results, THROUGHPUT, () -> lifecycle(config, db, context, results));
            }
            if (config.runs("sweep")) {
                stage(results, SweepProbe.SECTION, () -> {
                    SweepProbe probe = new SweepProbe(context, db, config.sweepOpenNodes().stream().mapToInt(Integer::intValue).toArray(),
                            config.sweepDue());
                    probe.measure(results);
                    Path file = config.output().resolveSibling("sweep-plans.txt");
                    Files.createDirectories(file.toAbsolutePath().getParent());
                    Files.write(file, probe.plans);
                    results.context("sweep plans", "the plans of the reminders query and of the sweep's scans at each size: " + file);
                });
            }
            if (config.runs("insight")) {
                stage(results, InsightProbe.SECTION, () -> new InsightProbe(context).measure(results));
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
        return yekuoOn(db.url(), db.username(), db.password()).run();
    }

    /**
     * Yekuo in this JVM as it runs in production, on the database at {@code url}: with the benchmark's keys (so
     * that it reads what another run or JVM sealed), quiet, on free ports, and without the test classpath's own
     * configurations, which component scanning would otherwise pick up (a test's movable clock among them).
     * Callers add their properties and initializers before {@code run()}; {@code overTestSettings} are those that
     * must win over the settings every test context gets (see {@link EmbeddedPostgres}).
     */
    static SpringApplicationBuilder yekuoOn(String url, String username, String password) {
        return yekuoOn(url, username, password, Map.of());
    }

    static SpringApplicationBuilder yekuoOn(String url, String username, String password, Map<String, Object> overTestSettings) {
        EmbeddedPostgres.useDatabase(url, username, password, overTestSettings);
        Map<String, Object> properties = new HashMap<>();
        properties.put("server.port", "0");
        properties.put("management.server.port", "0");
        properties.put("logging.level.root", "warn");
        properties.put("spring.main.banner-mode", "off");
        properties.putAll(KEYS);
        return new SpringApplicationBuilder(YekuoApplication.class).properties(properties)
                .initializers(context -> context.getBeanFactory().registerSingleton("testClassesExcluded", new TestClassesExcluded()));
    }

    /**
     * Leaves out of component scanning what only tests configure ({@code @TestConfiguration}, {@code @TestComponent}):
     * a context started outside a test framework has no filter that does, and would run on a test's clock.
     */
    static final class TestClassesExcluded extends TypeExcludeFilter {

        @Override
        public boolean match(MetadataReader reader, MetadataReaderFactory factory) {
            var annotations = reader.getAnnotationMetadata();
            return annotations.hasAnnotation(TestConfiguration.class.getName())
                    || annotations.hasMetaAnnotation(TestComponent.class.getName())
                    || annotations.hasAnnotation(TestComponent.class.getName());
        }

        @Override
        public boolean equals(Object other) {
            return other != null && other.getClass() == getClass();
        }

        @Override
        public int hashCode() {
            return getClass().hashCode();
        }
    }

    /**
     * Yekuo and the bare engine, warmed up together until the JIT compiler is done (so the shared engine,
     * driver and JIT state favour neither), then timed in rounds of equal size in ABBA order (so a machine
     * that gets busier or quieter during the run weighs on both alike). Besides wall time, the CPU each side
     * spends is reported: this JVM's (the bare engine runs in it too) and, when the database runs on this
     * machine, PostgreSQL's; and the compiler time that still fell into each side's rounds.
     */
    private static void lifecycle(BenchConfig config, BenchDatabase db, ConfigurableApplicationContext context,
            Results results) throws Exception {
        var plans = Lifecycle.plans(context.getBean(Catalogue.class));
        Lifecycle yekuo = new Lifecycle(context, NodeDrivers.forProduct(context));
        try (BareEngine bare = new BareEngine(db, context.getEnvironment().getProperty("spring.datasource.hikari.maximum-pool-size",
                Integer.class, 10))) {
            long started = System.nanoTime();
            long carried = bare.carryHistory(db);
            results.context("baseline history", carried == 0 ? "Yekuo's engine history, copied by an earlier run"
                    : String.format("Yekuo's engine history, %d rows copied in %.0f s", carried, (System.nanoTime() - started) / 1e9));
            int warmups = warmUp(config, yekuo, bare, plans);
            PostgresCpu databaseCpu = new PostgresCpu(db.localServerPid());
            Side yekuoSide = new Side(databaseCpu);
            Side bareSide = new Side(databaseCpu);
            List<String> statements = new ArrayList<>();
            int rounds = Math.max(1, Math.min(config.rounds(), config.orders()));
            for (int round = 0; round < rounds; round++) {
                int orders = config.orders() / rounds + (round < config.orders() % rounds ? 1 : 0);
                boolean statistics = round == 0 && db.resetStatementStatistics();
                // ABBA: Yekuo first in even rounds, the bare engine first in odd ones, so that a machine that
                // gets steadily busier or quieter weighs on both sides alike.
                if (round % 2 == 0) {
                    yekuoSide.time(db, () -> yekuo.run(orders, config.threads()));
                    if (statistics) {
                        statements.add("== Yekuo, first round (" + orders + " orders) ==");
                        statements.addAll(db.topStatements(STATEMENTS));
                        db.resetStatementStatistics();
                    }
                    bareSide.time(db, () -> bare.run(orders, config.threads(), plans));
                    if (statistics) {
                        statements.add("");
                        statements.add("== bare engine, first round (" + orders + " orders) ==");
                        statements.addAll(db.topStatements(STATEMENTS));
                    }
                } else {
                    bareSide.time(db, () -> bare.run(orders, config.threads(), plans));
                    yekuoSide.time(db, () -> yekuo.run(orders, config.threads()));
                }
            }
            if (!statements.isEmpty()) {
                Path file = config.output().resolveSibling("lifecycle-statements.txt");
                Files.createDirectories(file.toAbsolutePath().getParent());
                Files.write(file, statements);
                results.context("statements", "the lifecycle's most expensive SQL statements: " + file);
            }
            double yekuoRate = config.orders() / yekuoSide.seconds;
            double bareRate = config.orders() / bareSide.seconds;
            String split = rounds + " rounds in ABBA order after " + warmups + " warm-up batches of " + config.warmupOrders()
                    + " orders each";
            results.add(THROUGHPUT, "Yekuo orders/s", yekuoRate, "orders/s", null,
                    yekuoSide.tasks + " tasks in " + String.format("%.1f", yekuoSide.seconds) + " s; " + split);
            results.add(THROUGHPUT, "bare engine orders/s", bareRate, "orders/s", null,
                    bareSide.tasks + " tasks in " + String.format("%.1f", bareSide.seconds) + " s");
            results.add(THROUGHPUT, "ratio Yekuo / bare engine", yekuoRate / bareRate, "", ">= 0.6", null);
            results.add(THROUGHPUT, "Yekuo transactions per order", (double) yekuoSide.transactions / config.orders(), "tx", null,
                    "pg_stat_database xact_commit delta, all sessions");
            results.add(THROUGHPUT, "bare engine transactions per order", (double) bareSide.transactions / config.orders(), "tx",
                    null, null);
            if (yekuoSide.statements >= 0 && bareSide.statements >= 0) {
                results.add(THROUGHPUT, "Yekuo statements per order", (double) yekuoSide.statements / config.orders(), "statements",
                        null, "pg_stat_statements calls delta, all sessions, BEGIN and COMMIT included");
                results.add(THROUGHPUT, "bare engine statements per order", (double) bareSide.statements / config.orders(),
                        "statements", null, null);
            }
            yekuoSide.reportCpu(results, "Yekuo", config.orders());
            bareSide.reportCpu(results, "bare engine", config.orders());
            yekuoSide.reportCompilation(results, "Yekuo", config.orders());
            bareSide.reportCompilation(results, "bare engine", config.orders());
        }
    }

    /** Most warm-up batches of both sides before the timed rounds start, however busy the compiler still is. */
    private static final int MAX_WARMUPS = 6;
    /** Compiler time, as a share of a warm-up batch's wall time, under which the JIT counts as done. */
    private static final double QUIET_COMPILER = 0.03;

    /**
     * Warms both sides up in turn, {@code bench.warmup} orders each per batch, until the JIT compiler is
     * done: a province's server compiles once and then runs for months, so compiling belongs to neither
     * side's rate. A batch of both sides that kept the compiler busy for less than 3 % of its wall time
     * ends the warm-up. Answers the batches run.
     */
    private static int warmUp(BenchConfig config, Lifecycle yekuo, BareEngine bare, Map<String, Lifecycle.Plan> plans)
            throws Exception {
        var compiler = ManagementFactory.getCompilationMXBean();
        int batches = 0;
        while (batches < MAX_WARMUPS) {
            long compiled = compiler.getTotalCompilationTime();
            long start = System.nanoTime();
            bare.run(config.warmupOrders(), config.threads(), plans);
            yekuo.run(config.warmupOrders(), config.threads());
            batches++;
            double wallMillis = (System.nanoTime() - start) / 1e6;
            if (config.warmupOrders() == 0 || compiler.getTotalCompilationTime() - compiled < QUIET_COMPILER * wallMillis) {
                break;
            }
        }
        return batches;
    }

    private interface Run {
        long tasks() throws Exception;
    }

    /** What one side of the throughput comparison spent over its timed rounds. */
    private static final class Side {

        private final PostgresCpu databaseCpu;

        Side(PostgresCpu databaseCpu) {
            this.databaseCpu = databaseCpu;
        }

        private final com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        double seconds;
        long tasks;
        long transactions;
        /** Statements over the timed rounds, as pg_stat_statements counts them; negative when it is not loaded. */
        long statements;
        long jvmCpuNanos;
        long databaseCpuTicks;
        long compilationMillis;

        void time(BenchDatabase db, Run run) throws Exception {
            long committed = db.committedTransactions();
            long called = db.statementCalls();
            long compiled = ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
            long jvmCpu = os.getProcessCpuTime();
            long databaseTicks = databaseCpu.ticks();
            long start = System.nanoTime();
            tasks += run.tasks();
            seconds += (System.nanoTime() - start) / 1e9;
            jvmCpuNanos += os.getProcessCpuTime() - jvmCpu;
            databaseCpuTicks += databaseCpu.ticks() - databaseTicks;
            compilationMillis += ManagementFactory.getCompilationMXBean().getTotalCompilationTime() - compiled;
            Thread.sleep(1500); // the statistics collector flushes each backend's counts within a second
            transactions += db.committedTransactions() - committed - 1;
            long calledAfter = db.statementCalls();
            // Not the side's: the first count itself and the two statements of the transaction count after the run.
            statements = called < 0 || calledAfter < 0 || statements < 0 ? -1 : statements + calledAfter - called - 3;
        }

        void reportCompilation(Results results, String side, int orders) {
            results.add(THROUGHPUT, side + " JIT compilation per order", (double) compilationMillis / orders, "ms", null,
                    "compiler time during the timed rounds, what the warm-up left");
        }

        void reportCpu(Results results, String side, int orders) {
            results.add(THROUGHPUT, side + " JVM CPU per order", jvmCpuNanos / 1e6 / orders, "ms", null,
                    "process CPU time of this JVM during the timed rounds (JIT and GC included)");
            results.add(THROUGHPUT, side + " database CPU per order",
                    databaseCpu.available() ? databaseCpuTicks * 1000.0 / PostgresCpu.TICKS_PER_SECOND / orders : Double.NaN, "ms",
                    null, databaseCpu.available() ? "the database server's processes, from /proc" : "n/a: the server runs elsewhere");
        }
    }

    /** CPU time of the database server's processes (the postmaster and its children), from /proc (Linux). */
    static final class PostgresCpu {

        /** USER_HZ, 100 on every Linux build this runs on. */
        static final int TICKS_PER_SECOND = 100;

        private final java.util.OptionalLong server;

        PostgresCpu(java.util.OptionalLong server) {
            this.server = server;
        }

        boolean available() {
            return server.isPresent();
        }

        long ticks() {
            if (server.isEmpty()) {
                return 0;
            }
            long total = 0;
            java.io.File[] processes = new java.io.File("/proc").listFiles((dir, name) -> name.chars().allMatch(Character::isDigit));
            for (java.io.File process : processes == null ? new java.io.File[0] : processes) {
                try {
                    String stat = Files.readString(process.toPath().resolve("stat"));
                    // After the command in parentheses: state (field 3), ppid (4), ... utime (14), stime (15).
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    long pid = Long.parseLong(process.getName());
                    if (pid == server.getAsLong() || Long.parseLong(fields[1]) == server.getAsLong()) {
                        total += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                    }
                } catch (java.io.IOException | RuntimeException gone) {
                    // the process ended while being read
                }
            }
            return total;
        }
    }
}
