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
     * @param clockStep   how far the product's clock moves on at each step (zero: it keeps real time; see {@link ChaosClock})
     * @param clockPeriod the real time between two steps
     */
    record Config(long seed, int nodes, int threads, int openCap, Duration load, int kills, Duration outage,
            Duration drainLimit, Duration clockStep, Duration clockPeriod, Path directory) {

        static Config fromSystemProperties() {
            return new Config(Long.getLong("chaos.seed", 1), Integer.getInteger("chaos.nodes", 3),
                    Integer.getInteger("chaos.threads", 3), Integer.getInteger("chaos.open-cap", 60), Duration.ofSeconds(Long.getLong("chaos.seconds", 600)),
                    Integer.getInteger("chaos.kills", 10), Duration.ofSeconds(Long.getLong("chaos.outage.seconds", 20)),
                    Duration.ofMinutes(Long.getLong("chaos.drain.minutes", 10)),
                    Duration.ofMinutes(Long.getLong("chaos.clock.step-minutes", 360)),
                    Duration.ofSeconds(Long.getLong("chaos.clock.period-seconds", 10)),
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
    private Path dataDirectory;
    private String url;
    /** Where the run announces when the product's clock starts to step (see {@link ChaosClock}). */
    private Path clockOrigin;

    Chaos(Config config) {
        this.config = config;
        this.random = new Random(config.seed());
    }

    Report run() throws Exception {
        Path directory = config.directory().toAbsolutePath().resolve("seed-" + config.seed() + "-" + System.currentTimeMillis());
        Files.createDirectories(directory);
        databasePort = freePort();
        dataDirectory = directory.resolve("pgdata");
        startDatabase();
        try (Connection c = DriverManager.getConnection(adminUrl(), "postgres", "postgres"); Statement s = c.createStatement()) {
            s.execute("create database chaos");
        }
        url = "jdbc:postgresql://localhost:" + databasePort + "/chaos";
        List<Node> nodes = new ArrayList<>();
        try {
            for (int i = 0; i < config.nodes(); i++) {
                nodes.add(new Node("node-" + (i + 1), freePort(), directory, i));
            }
            clockOrigin = directory.resolve("clock-origin");
            // All nodes start at once on the empty database, as after an installation.
            for (Node node : nodes) {
                node.start();
            }
            for (Node node : nodes) {
                node.awaitUp();
            }
            if (!config.clockStep().isZero()) {
                ChaosClock.announce(clockOrigin);
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
        startDatabase();
    }

    private void startDatabase() throws IOException {
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
                + rows("select a.status || ' ' || coalesce(w.node_code, '-') || ' ' || count(distinct a.id) from application a"
                        + " left join work_item w on w.order_id = a.id"
                        + " where a.status in ('ACTIVE', 'SUSPENDED') group by a.status, w.node_code order by 1"));
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
        // Per recipient: a reminder before anyone signed for a node goes to everyone who may take it, the same text each.
        // A deadline's text names the order, the node and the deadline: the departments' parallel reviews of one order
        // are as many nodes of one name with one deadline, and while none is signed for, their head is warned once for
        // each, in the same words. (The sweep's records, checked per node below, tell each node's warnings apart.)
        violation(violations, single("""
                select count(*) from (select business_ref, template_code, count(*) n from sms_outbox
                                       group by business_ref, template_code, body, phone_index having count(*) > 1) d
                 where d.n > case when d.template_code not in ('deadline-reminder', 'deadline-overdue') then 1
                                  else (select max(c) from (select count(*) c from node_deadline n where n.order_no = d.business_ref
                                                             group by n.node_code) per_node)
                             end"""), "SMS queued twice");
        violation(violations, single("select count(*) from sms_outbox where status <> 'SENT'"), "SMS not sent: "
                + rows("select status || ' ' || attempts || ' ' || coalesce(last_error, '') from sms_outbox where status <> 'SENT'"));
        checkTimeLimits(violations);
        violation(violations, auditChainBroken(), "audit chain broken");
        return violations;
    }

    /**
     * The deadline sweep under chaos (R-SLA-3/4/5): every warning, reminder and overdue lock taken once per node and
     * deadline, each with its record; every node that passed its deadline locked, and a locked node worked on only
     * after the leader approved a new deadline; no clock running while its order waited for the customer.
     */
    private void checkTimeLimits(List<String> violations) throws SQLException {
        figures.put("product clock ahead of real time at the end (h)", config.clockStep().isZero() ? 0
                : Duration.between(java.time.Instant.now(), new ChaosClock(clockOrigin, config.clockPeriod(), config.clockStep(),
                        java.time.ZoneOffset.UTC).instant()).toHours());
        figures.put("node deadlines turned yellow", single("select count(*) from audit_record where action = 'deadline.turned-yellow'"));
        figures.put("reminders a working day before", single("select count(*) from audit_record where action = 'deadline.reminded'"));
        figures.put("overdue locks (head warned)", single("select count(*) from audit_record where action = 'deadline.overdue'"));
        figures.put("locks released (explained, approved)", single("select count(*) from audit_record"
                + " where action = 'deadline.explanation-approved'"));
        figures.put("reminder and overdue SMS", single("select count(*) from sms_outbox"
                + " where template_code in ('deadline-reminder', 'deadline-overdue')"));
        figures.put("node clocks stopped while the order waited", single("select count(*) from node_deadline where paused_seconds > 0"));
        // What the sweep did, per order, against what the rows say it claimed: a claim is undone only by a leader's
        // approval (lock, reminder) or by the end of a wait for materials (reminder).
        String perOrder = """
                with rows_ as (select order_no, count(*) filter (where escalated_at is not null) locked,
                                      count(*) filter (where reminded_at is not null) reminded,
                                      count(*) filter (where turned_yellow_at is not null) yellow
                                 from node_deadline group by order_no),
                     done as (select subject_id order_no, count(*) filter (where action = 'deadline.overdue') locked,
                                     count(*) filter (where action = 'deadline.reminded') reminded,
                                     count(*) filter (where action = 'deadline.turned-yellow') yellow,
                                     count(*) filter (where action = 'deadline.explanation-approved') approved,
                                     count(*) filter (where action = 'deadline.resumed') resumed
                                from audit_record where action like 'deadline.%%' group by subject_id)
                select count(*) from rows_ r left join done d using (order_no) where %s""";
        violation(violations, single(perOrder.formatted("coalesce(d.locked, 0) <> r.locked + coalesce(d.approved, 0)")),
                "orders whose overdue warnings do not match their locks (one doubled or lost)");
        violation(violations, single(perOrder.formatted("coalesce(d.reminded, 0) > r.reminded + coalesce(d.approved, 0) + coalesce(d.resumed, 0)")),
                "orders with a reminder sent twice for one deadline");
        violation(violations, single(perOrder.formatted("coalesce(d.reminded, 0) < r.reminded")), "orders with a reminder claimed but not recorded");
        violation(violations, single(perOrder.formatted("coalesce(d.yellow, 0) > r.yellow")), "orders with a node turned yellow twice");
        violation(violations, single("select count(*) from node_deadline where completed_at is not null and locked and not cancelled"),
                "nodes completed while their order was locked");
        // The sweep runs every 2 s of real time; a node may be finished in the moment between its deadline passing and
        // the next sweep, but not half a minute later without having been locked. Delays are measured in real time,
        // through the run's clock: a step of it moves product time on by hours at once.
        ChaosClock clock = config.clockStep().isZero() ? null
                : new ChaosClock(clockOrigin, config.clockPeriod(), config.clockStep(), java.time.ZoneOffset.UTC);
        violation(violations, pairsApartInRealTime(clock, """
                select due_at, completed_at from node_deadline
                 where not cancelled and escalated_at is null and completed_at > due_at""", Duration.ofSeconds(30)),
                "nodes finished after their deadline without a lock");
        violation(violations, pairsApartInRealTime(clock, """
                select p.paused_at, r.occurred_at from audit_record r
                  join (select distinct order_id, order_no from node_deadline) o on o.order_no = r.subject_id
                  join clock_pause p on p.order_id = o.order_id
                 where r.action in ('deadline.turned-yellow', 'deadline.reminded', 'deadline.overdue')
                   and r.occurred_at > p.paused_at and (p.resumed_at is null or r.occurred_at < p.resumed_at)""",
                Duration.ofSeconds(5)), "warnings, reminders or locks while the order waited for materials");
    }

    /** How many rows of two product times, the second later, lie more than {@code apart} apart in real time. */
    private long pairsApartInRealTime(ChaosClock clock, String sql, Duration apart) throws SQLException {
        long count = 0;
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                java.time.Instant first = rs.getTimestamp(1).toInstant();
                java.time.Instant second = rs.getTimestamp(2).toInstant();
                if (clock != null) {
                    first = clock.realAt(first);
                    second = clock.realAt(second);
                }
                if (Duration.between(first, second).compareTo(apart) > 0) {
                    count++;
                }
            }
        }
        return count;
    }

    private static void violation(List<String> violations, long count, String what) {
        if (count != 0) {
            violations.add(count + " " + what);
        }
    }

    /** The audit chain, verified by a Yekuo started in this JVM on the run's database. */
    private long auditChainBroken() {
        try (var context = Benchmark.yekuoOn(url, "postgres", "postgres").run()) {
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
            // An applicant's phone keeps the serial's last 8 digits, so the ranges interleave below 100 million.
            long serialBase = ((long) starts * config.nodes() + index) * 1_000_000L;
            starts++;
            List<String> command = new ArrayList<>(List.of(java, "-Xmx512m", "-Duser.timezone=Asia/Shanghai",
                    "-Dyekuo.bench.serial-base=" + serialBase));
            if (!config.clockStep().isZero()) {
                command.addAll(List.of("-D" + ChaosClock.ORIGIN_FILE + "=" + clockOrigin,
                        "-D" + ChaosClock.PERIOD + "=" + config.clockPeriod().toMillis(),
                        "-D" + ChaosClock.STEP + "=" + config.clockStep().toMinutes()));
            }
            command.addAll(List.of("-cp", System.getProperty("java.class.path"),
                    ChaosNode.class.getName(), url, String.valueOf(port), directory.toString(), name,
                    String.valueOf(config.threads()), String.valueOf(config.seed()), String.valueOf(config.openCap())));
            process = new ProcessBuilder(command)
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
