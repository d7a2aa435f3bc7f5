package org.yekuo.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A chaos run: a few Yekuo nodes on one PostgreSQL, staff working orders of every process family on all of them
 * (LV and HV with the departments' parallel review, orders waiting for deferred materials), while nodes are killed
 * with {@code kill -9} at moments drawn from a seed and started again, and the database is stopped and started. Then
 * the work is finished without disturbance and the invariants are checked: no confirmed order lost, none doubled, no
 * node completed twice or skipped, no order stuck, no SMS queued twice, the audit chain intact. The same seed draws the
 * same disturbances. See {@code docs/reliability.md}.
 */
final class Chaos {

    /**
     * @param openCap staff take new orders only while fewer are open
     * @param load    how long staff work while nodes die
     * @param kills   {@code kill -9}s during the load, each followed by a restart of the node
     * @param outage  how long the database is stopped once during the load (zero: not at all)
     */
    record Config(long seed, int nodes, int threads, int openCap, Duration load, int kills, Duration outage,
            Duration drainLimit, Path directory) {

        static Config fromSystemProperties() {
            return new Config(Long.getLong("chaos.seed", 1), Integer.getInteger("chaos.nodes", 3),
                    Integer.getInteger("chaos.threads", 3), Integer.getInteger("chaos.open-cap", 60), Duration.ofSeconds(Long.getLong("chaos.seconds", 600)),
                    Integer.getInteger("chaos.kills", 10), Duration.ofSeconds(Long.getLong("chaos.outage.seconds", 20)),
                    Duration.ofMinutes(Long.getLong("chaos.drain.minutes", 10)),
                    Path.of(System.getProperty("chaos.directory", "target/chaos")));
        }
    }

    /** What a run did and found; {@code violations} is empty when every invariant held. */
    record Report(Map<String, Long> figures, List<String> violations) {

        void print() {
            StringBuilder out = new StringBuilder("\nYekuo chaos run\n");
            figures.forEach((name, value) -> out.append(String.format("  %-44s %,10d%n", name, value)));
            out.append(violations.isEmpty() ? "  every invariant held\n" : "  VIOLATED:\n");
            violations.forEach(v -> out.append("    - ").append(v).append('\n'));
            System.out.println(out);
        }
    }

    private final Config config;
    private final Random random;
    private final Map<String, Long> figures = new LinkedHashMap<>();
    private EmbeddedPostgres database;
    private int databasePort;
    private String url;

    Chaos(Config config) {
        this.config = config;
        this.random = new Random(config.seed());
    }

    Report run() throws Exception {
        Path directory = config.directory().toAbsolutePath().resolve("seed-" + config.seed() + "-" + System.currentTimeMillis());
        Files.createDirectories(directory);
        databasePort = freePort();
        startDatabase(directory.resolve("pgdata"));
        try (Connection c = DriverManager.getConnection(adminUrl(), "postgres", "postgres"); Statement s = c.createStatement()) {
            s.execute("create database chaos");
        }
        url = "jdbc:postgresql://localhost:" + databasePort + "/chaos";
        List<Node> nodes = new ArrayList<>();
        try {
            for (int i = 0; i < config.nodes(); i++) {
                nodes.add(new Node("node-" + (i + 1), freePort(), directory, i));
            }
            // All nodes start at once on the empty database, as after an installation.
            for (Node node : nodes) {
                node.start();
            }
            for (Node node : nodes) {
                node.awaitUp();
            }
            disturb(nodes);
            Files.writeString(directory.resolve("drain"), "");
            figures.put("orders left open after the drain", drain());
            for (Node node : nodes) {
                node.stop();
            }
            return new Report(figures, check(directory));
        } finally {
            for (Node node : nodes) {
                node.kill();
            }
            database.close();
        }
    }

    /** Kills and restarts nodes at seeded moments of the load, and stops the database once in its middle. */
    private void disturb(List<Node> nodes) throws Exception {
        long loadMillis = config.load().toMillis();
        List<Long> killAt = new ArrayList<>();
        for (int i = 0; i < config.kills(); i++) {
            killAt.add((long) (loadMillis * (0.1 + 0.8 * random.nextDouble())));
        }
        killAt.sort(null);
        long outageAt = config.outage().isZero() ? Long.MAX_VALUE : loadMillis / 2;
        long start = System.currentTimeMillis();
        long kills = 0;
        for (long at : killAt) {
            if (outageAt < at) {
                sleepUntil(start + outageAt);
                outage();
                outageAt = Long.MAX_VALUE;
            }
            sleepUntil(start + at);
            Node victim = nodes.get(random.nextInt(nodes.size()));
            victim.kill();
            kills++;
            victim.start();
            victim.awaitUp();
        }
        if (outageAt != Long.MAX_VALUE) {
            sleepUntil(start + outageAt);
            outage();
        }
        sleepUntil(start + loadMillis);
        figures.put("nodes", (long) nodes.size());
        figures.put("kill -9", kills);
        figures.put("database outage (s)", config.outage().toSeconds());
    }

    private void outage() throws Exception {
        database.close();
        Thread.sleep(config.outage().toMillis()); // the database is away for as long as the run says
        startDatabase(database == null ? null : dataDirectory);
    }

    private Path dataDirectory;

    private void startDatabase(Path data) throws IOException {
        if (data != null) {
            dataDirectory = data;
        }
        database = EmbeddedPostgres.builder().setPort(databasePort).setDataDirectory(dataDirectory).setCleanDataDirectory(false)
                .setServerConfig("max_connections", "300").start();
    }

    /**
     * Waits until no order is open and every SMS went out (one whose attempt failed while the database was away waits
     * for its retry), or the drain limit passed; answers how many orders are still open.
     */
    private long drain() throws Exception {
        long until = System.currentTimeMillis() + config.drainLimit().toMillis();
        long open;
        long unsent;
        do {
            Thread.sleep(2000); // staff on the nodes finish the open orders meanwhile
            open = single("select count(*) from application where status in ('ACTIVE', 'SUSPENDED')");
            unsent = single("select count(*) from sms_outbox where status <> 'SENT'");
        } while ((open > 0 || unsent > 0) && System.currentTimeMillis() < until);
        return open;
    }

    private List<String> check(Path directory) throws Exception {
        List<String> violations = new ArrayList<>();
        Set<Long> confirmed = new HashSet<>();
        try (Stream<Path> journals = Files.list(directory)) {
            for (Path journal : journals.filter(p -> p.toString().endsWith(".journal")).toList()) {
                for (String line : Files.readAllLines(journal)) {
                    if (line.startsWith("accepted ")) {
                        confirmed.add(Long.parseLong(line.substring("accepted ".length()).trim()));
                    }
                }
            }
        }
        long orders = single("select count(*) from application");
        long completed = single("select count(*) from application where status = 'COMPLETED'");
        figures.put("orders accepted (confirmed to staff)", (long) confirmed.size());
        figures.put("orders in the database", orders);
        figures.put("orders powered on", completed);
        figures.put("HV orders powered on", single("select count(*) from application where status = 'COMPLETED' and type_code like 'HV%'"));
        figures.put("orders that waited for materials", single("select count(distinct subject_id) from audit_record"
                + " where action = 'application.suspended'"));
        figures.put("nodes completed", single("select count(*) from audit_record where action = 'node.completed'"));
        figures.put("SMS queued", single("select count(*) from sms_outbox"));
        long lost = 0;
        try (Connection c = connect(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select id from application")) {
            Set<Long> present = new HashSet<>();
            while (rs.next()) {
                present.add(rs.getLong(1));
            }
            for (long id : confirmed) {
                if (!present.contains(id)) {
                    lost++;
                }
            }
        }
        violation(violations, lost, "confirmed orders missing from the database");
        violation(violations, figures.get("orders left open after the drain"), "orders still open after the drain, by status and node: "
                + rows("select status || ' ' || coalesce(current_node, '-') || ' ' || count(*) from application"
                        + " where status in ('ACTIVE', 'SUSPENDED') group by status, current_node order by 1"));
        violation(violations, single("select count(*) from (select phone_index from application group by phone_index"
                + " having count(*) > 1) d"), "applicants with their order accepted twice");
        violation(violations, single("select count(*) from (select subject_id, substring(detail from 'node=([A-Z_]+)') from audit_record"
                + " where action = 'node.completed' group by 1, 2 having count(*) > 1) d"), "nodes of an order completed twice");
        violation(violations, single("""
                select count(*) from application a
                where a.status = 'COMPLETED' and (select count(distinct d.node_code) from node_deadline d where d.order_id = a.id)
                  < (select count(*) from catalogue_node n join catalogue_type_version v on v.id = n.version_id
                     where v.type_code = a.plan_type_code and v.version_no = a.plan_type_version) - 1"""),
                "powered-on orders that skipped a node");
        violation(violations, single("select count(*) from (select business_ref, template_code, body from sms_outbox"
                + " group by 1, 2, 3 having count(*) > 1) d"), "SMS queued twice");
        violation(violations, single("select count(*) from sms_outbox where status <> 'SENT'"), "SMS not sent: "
                + rows("select status || ' ' || attempts || ' ' || coalesce(last_error, '') from sms_outbox where status <> 'SENT'"));
        violation(violations, auditChainBroken(), "audit chain broken");
        return violations;
    }

    private static void violation(List<String> violations, long count, String what) {
        if (count != 0) {
            violations.add(count + " " + what);
        }
    }

    /** The audit chain, verified by a Yekuo started in this JVM on the run's database. */
    private long auditChainBroken() {
        org.yekuo.EmbeddedPostgres.useDatabase(url, "postgres", "postgres");
        try (var context = new org.springframework.boot.builder.SpringApplicationBuilder(org.yekuo.YekuoApplication.class)
                .properties("server.port=0", "management.server.port=0", "logging.level.root=warn", "spring.main.banner-mode=off",
                        "yekuo.crypto.personal-data-key=" + Benchmark.KEYS.get("yekuo.crypto.personal-data-key"),
                        "yekuo.crypto.index-key=" + Benchmark.KEYS.get("yekuo.crypto.index-key"))
                .run()) {
            var verification = context.getBean(org.yekuo.audit.AuditTrail.class).verify();
            figures.put("audit records verified", verification.recordsChecked());
            return verification.intact() ? 0 : 1;
        } finally {
            org.yekuo.EmbeddedPostgres.useTestDatabase();
        }
    }

    private long single(String sql) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private List<String> rows(String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
        }
        return rows;
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(url, "postgres", "postgres");
    }

    private String adminUrl() {
        return "jdbc:postgresql://localhost:" + databasePort + "/postgres";
    }

    private static void sleepUntil(long millis) throws InterruptedException {
        long wait = millis - System.currentTimeMillis();
        if (wait > 0) {
            Thread.sleep(wait); // the run's schedule of disturbances, not a wait on the product
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** One node: a child JVM with the test classpath, started again after each kill on the same port. */
    private final class Node {

        private final String name;
        private final int port;
        private final Path directory;
        private final int index;
        private Process process;
        private int starts;

        Node(String name, int port, Path directory, int index) {
            this.name = name;
            this.port = port;
            this.directory = directory;
            this.index = index;
        }

        void start() throws IOException {
            Files.deleteIfExists(directory.resolve(name + ".up"));
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            // Each start invents applicants from its own range, so two starts never name the same applicant.
            long serialBase = (index * 50L + starts) * 1_000_000L;
            starts++;
            process = new ProcessBuilder(java, "-Xmx512m", "-Duser.timezone=Asia/Shanghai",
                    "-Dyekuo.bench.serial-base=" + serialBase, "-cp", System.getProperty("java.class.path"),
                    ChaosNode.class.getName(), url, String.valueOf(port), directory.toString(), name,
                    String.valueOf(config.threads()), String.valueOf(config.seed()), String.valueOf(config.openCap()))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(directory.resolve(name + ".log").toFile()))
                    .start();
        }

        void awaitUp() throws Exception {
            long until = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
            while (!Files.exists(directory.resolve(name + ".up"))) {
                if (!process.isAlive()) {
                    throw new IllegalStateException(name + " exited on start; see " + directory.resolve(name + ".log"));
                }
                if (System.nanoTime() > until) {
                    throw new IllegalStateException(name + " did not start within 10 minutes");
                }
                Thread.sleep(200); // polling a child JVM that is starting
            }
        }

        void kill() throws InterruptedException {
            if (process != null && process.isAlive()) {
                process.destroyForcibly(); // SIGKILL: no shutdown hook, no graceful end
                process.waitFor(30, TimeUnit.SECONDS);
            }
        }

        void stop() throws InterruptedException {
            if (process != null && process.isAlive()) {
                process.destroy();
                if (!process.waitFor(60, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            }
        }
    }
}
