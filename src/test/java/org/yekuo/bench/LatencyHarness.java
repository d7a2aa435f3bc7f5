package org.yekuo.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Interactive latency of the product as staff use it: the application runs in a child JVM with
 * {@code -Xmx512m} on the benchmark database; 32 clients, each signed in once like a browser (session
 * cookie), ask for the scenarios below mixed at random by their weights for a fixed time, in two runs:
 * <ul>
 * <li><b>saturated</b>: no think time. 32 closed-loop clients keep two cores busy by construction, so every
 * latency is mostly queueing (Little's law: clients / throughput); this run measures capacity (req/s);</li>
 * <li><b>paced</b>: the same clients and mix, each waiting a random think time (exponential, mean
 * {@code bench.think.ms}) between requests, as staff at a workbench do; this run measures response time
 * and is the one the targets are read against.</li>
 * </ul>
 * Each run reports every scenario against the trivial authenticated endpoint measured in that run;
 * start-up time and the heap after the runs come from the same child. With {@code -Dbench.jfr=file.jfr}
 * the saturated run is recorded with Java Flight Recorder (profile settings) into that file.
 */
final class LatencyHarness {

    /** Where a failure of the whole stage is reported. */
    static final String SECTION = "interactive latency";
    static final String SATURATED = "interactive latency, saturated (capacity)";
    static final String PACED = "interactive latency, paced (response time)";
    static final String MEMORY = "memory and start-up";

    /** Data a scenario may draw on: order ids in the scope of the demo station's staff. */
    record Fixtures(List<Long> orderIds) {
    }

    /**
     * One kind of request; {@code path} null means not available in this build (it names what it waits
     * for in {@code note}) and is reported as n/a.
     *
     * @param user   demo users whose sessions ask for it, one picked at random per request
     * @param weight how often it is asked for, relative to the other scenarios
     */
    record Scenario(String name, List<String> users, int weight,
            java.util.function.BiFunction<Fixtures, ThreadLocalRandom, String> path, String target, String note) {

        boolean enabled() {
            return path != null;
        }
    }

    static final String BASELINE = "trivial authenticated endpoint";

    /**
     * The scenarios, weighted as a station's staff use the product: the work list and orders all day long, the
     * board now and then, the monthly analysis by a few leaders (one request in twenty, which still gives it more
     * than a hundred samples in the paced run); the baseline is asked for often enough to be a steady yardstick.
     */
    static final List<Scenario> SCENARIOS = new ArrayList<>(List.of(
            new Scenario(BASELINE, List.of("clerk", "surveyor", "ops"), 2, (f, r) -> "/api/identity/org-units", null,
                    "GET /api/identity/org-units: the caller's own org tree"),
            new Scenario("my tasks (GET /api/tasks)", List.of("clerk", "surveyor", "inspector", "designer", "ops"), 4,
                    (f, r) -> "/api/tasks", "p95 <= 50 ms", null),
            new Scenario("my tasks page (GET /tasks)", List.of("clerk", "surveyor", "inspector"), 4, (f, r) -> "/tasks",
                    "p95 <= 50 ms", null),
            new Scenario("order detail (GET /api/applications/{id})", List.of("clerk"), 3,
                    (f, r) -> "/api/applications/" + f.orderIds().get(r.nextInt(f.orderIds().size())), "p95 <= 50 ms", null),
            new Scenario("order detail page (GET /orders/{id})", List.of("clerk"), 3,
                    (f, r) -> "/orders/" + f.orderIds().get(r.nextInt(f.orderIds().size())), "p95 <= 50 ms", null),
            new Scenario("board counts by colour (GET /api/deadlines/counts)", List.of("leader"), 2,
                    (f, r) -> "/api/deadlines/counts", "p95 <= 200 ms", null),
            new Scenario("board page (GET /deadlines/board)", List.of("leader"), 1, (f, r) -> "/deadlines/board",
                    "p95 <= 200 ms", null),
            // a month picked among the last twelve finished ones, all inside the generated history
            new Scenario("monthly overdue analysis (GET /api/deadlines/reports/overdue-analysis)", List.of("leader"), 1,
                    (f, r) -> "/api/deadlines/reports/overdue-analysis?month="
                            + java.time.YearMonth.now(java.time.ZoneId.of("Asia/Shanghai")).minusMonths(1 + r.nextInt(12)),
                    "p95 <= 2000 ms", null)));

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");
    private static final Pattern STARTED = Pattern.compile("Started YekuoApplication in ([0-9.]+) seconds");
    private static final String PASSWORD = System.getProperty("bench.password", "Yekuo@2026");

    private final BenchDatabase db;
    private final int clients;
    private final int seconds;
    private final int thinkMillis;
    private final int pacedSeconds;

    LatencyHarness(BenchDatabase db, int clients, int seconds, int thinkMillis, int pacedSeconds) {
        this.db = db;
        this.clients = clients;
        this.seconds = seconds;
        this.thinkMillis = thinkMillis;
        this.pacedSeconds = pacedSeconds;
    }

    void measure(Results results) throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path log = Files.createTempFile("yekuo-bench-app", ".log");
        Process app = startApplication(port, log);
        String base = "http://127.0.0.1:" + port;
        try {
            long started = System.nanoTime();
            HttpClient probe = HttpClient.newHttpClient();
            awaitUp(probe, base, app, log);
            double startup = (System.nanoTime() - started) / 1e9;
            Matcher m = STARTED.matcher(Files.readString(log));
            results.add(MEMORY, "start-up to first answer", startup, "s", null,
                    m.find() ? "Spring reports " + m.group(1) + " s" : "child JVM launch to first HTTP 200");
            Fixtures fixtures = fixtures();
            List<Map<String, HttpClient>> sessions = signInAll(base);
            // Warm-up: the JIT compiles the pages' code for a good while; measured too early, the runs would time
            // the compiler threads competing for the same two cores as much as the product.
            run(base, fixtures, sessions, Math.max(5, seconds / 2), 0, null, null);
            String jfr = System.getProperty("bench.jfr", "");
            if (!jfr.isBlank()) {
                jcmd(app.pid(), "JFR.start", "name=bench", "settings=profile");
            }
            run(base, fixtures, sessions, seconds, 0, SATURATED, results);
            if (!jfr.isBlank()) {
                jcmd(app.pid(), "JFR.stop", "name=bench", "filename=" + Path.of(jfr).toAbsolutePath());
                results.context("flight recording", "saturated run recorded in " + Path.of(jfr).toAbsolutePath());
            }
            run(base, fixtures, sessions, pacedSeconds, thinkMillis, PACED, results);
            for (String format : List.of("XES", "OCEL")) {
                exportEventLog(base, app, format, results);
            }
            heap(app, results);
        } finally {
            app.destroy();
            if (!app.waitFor(20, TimeUnit.SECONDS)) {
                app.destroyForcibly();
            }
        }
    }

    /** The scenario a draw in [0, total weight) falls on. */
    private static Scenario pick(List<Scenario> scenarios, int draw) {
        for (Scenario scenario : scenarios) {
            draw -= scenario.weight();
            if (draw < 0) {
                return scenario;
            }
        }
        throw new IllegalArgumentException("draw beyond the total weight");
    }

    private Process startApplication(int port, Path log) throws IOException {
        // The product's own classpath: without the test classes, whose set-up would choose another database.
        String classpath = Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                .filter(entry -> !entry.contains("test-classes")).collect(Collectors.joining(java.io.File.pathSeparator));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-Xmx512m", "-Duser.timezone=Asia/Shanghai", "-cp", classpath,
                "org.yekuo.YekuoApplication", "--server.port=" + port, "--logging.level.root=warn",
                "--logging.level.org.springframework.boot.StartupInfoLogger=info")
                .redirectErrorStream(true).redirectOutput(log.toFile());
        Benchmark.KEYS.forEach((key, value) -> builder.command().add("--" + key + "=" + value));
        builder.environment().put("SPRING_DATASOURCE_URL", db.url());
        builder.environment().put("SPRING_DATASOURCE_USERNAME", db.username());
        builder.environment().put("SPRING_DATASOURCE_PASSWORD", db.password());
        return builder.start();
    }

    private static void awaitUp(HttpClient client, String base, Process app, Path log) throws Exception {
        String basic = "Basic " + Base64.getEncoder().encodeToString(("clerk:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (System.nanoTime() < deadline) {
            if (!app.isAlive()) {
                throw new IllegalStateException("The application exited on start:\n" + Files.readString(log));
            }
            try {
                var response = client.send(HttpRequest.newBuilder(URI.create(base + "/api/identity/org-units"))
                        .header("Authorization", basic).build(), HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(100); // polling a child process that is starting, not waiting on logic under test
        }
        throw new IllegalStateException("The application did not answer within 5 minutes:\n" + Files.readString(log));
    }

    /** Orders of the demo east station, open and finished alike, for the order detail scenarios. */
    private Fixtures fixtures() throws Exception {
        List<Long> ids = new ArrayList<>();
        try (var c = db.connect(); var s = c.createStatement();
                ResultSet rs = s.executeQuery("select a.id from application a join org_unit u on u.code = 'YK-EAST' "
                        + "where a.org_path like u.path || '%' order by a.id desc limit 2000")) {
            while (rs.next()) {
                ids.add(rs.getLong(1));
            }
        }
        if (ids.isEmpty()) {
            throw new IllegalStateException("No orders in the east station to read: generate data first");
        }
        Collections.shuffle(ids, new java.util.Random(42));
        return new Fixtures(ids);
    }

    /**
     * Each client's sessions, one per demo user it acts as, signed in before the clock starts: signing in
     * checks a password hash, which is a cost of signing in, not of the pages.
     */
    private List<Map<String, HttpClient>> signInAll(String base) throws Exception {
        List<String> users = SCENARIOS.stream().filter(Scenario::enabled).flatMap(s -> s.users().stream()).distinct().toList();
        var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<Map<String, HttpClient>>> futures = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                futures.add(pool.submit(() -> {
                    Map<String, HttpClient> mine = new java.util.HashMap<>();
                    users.forEach(u -> mine.put(u, signInWithRetry(base, u)));
                    return mine;
                }));
            }
            List<Map<String, HttpClient>> all = new ArrayList<>();
            for (var f : futures) {
                all.add(f.get());
            }
            return all;
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * One timed run of all clients; {@code think} is the mean think time in ms (0: none), {@code section}
     * null an untimed warm-up.
     */
    private void run(String base, Fixtures fixtures, List<Map<String, HttpClient>> clientSessions, int duration, int think,
            String section, Results results) throws Exception {
        List<Scenario> enabled = SCENARIOS.stream().filter(Scenario::enabled).toList();
        int totalWeight = enabled.stream().mapToInt(Scenario::weight).sum();
        Map<String, List<Long>> samples = new ConcurrentHashMap<>();
        AtomicLong failures = new AtomicLong();
        double loadBefore = java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(duration);
        CountDownLatch done = new CountDownLatch(clients);
        for (int i = 0; i < clients; i++) {
            Map<String, HttpClient> sessions = clientSessions.get(i);
            new Thread(() -> {
                try {
                    ThreadLocalRandom random = ThreadLocalRandom.current();
                    while (System.nanoTime() < end) {
                        if (think > 0) {
                            // The client's own pacing (a person reading the last page), not waiting on the product.
                            Thread.sleep(Math.round(-think * Math.log(1 - random.nextDouble())));
                            if (System.nanoTime() >= end) {
                                break;
                            }
                        }
                        Scenario scenario = pick(enabled, random.nextInt(totalWeight));
                        String user = scenario.users().get(random.nextInt(scenario.users().size()));
                        HttpClient session = sessions.get(user);
                        String path = scenario.path().apply(fixtures, random);
                        long start = System.nanoTime();
                        HttpResponse<byte[]> response = session.send(HttpRequest.newBuilder(URI.create(base + path)).build(),
                                HttpResponse.BodyHandlers.ofByteArray());
                        long nanos = System.nanoTime() - start;
                        if (response.statusCode() != 200) {
                            failures.incrementAndGet();
                            continue;
                        }
                        samples.computeIfAbsent(scenario.name(), k -> Collections.synchronizedList(new ArrayList<>())).add(nanos);
                    }
                } catch (Exception e) {
                    failures.incrementAndGet();
                } finally {
                    done.countDown();
                }
            }, "bench-client-" + i).start();
        }
        done.await();
        if (section == null) {
            return;
        }
        boolean paced = think > 0;
        long total = samples.values().stream().mapToLong(List::size).sum();
        results.add(section, "requests", (double) total, "req", null, clients + " clients, " + duration + " s, "
                + (paced ? "think time exponential, mean " + think + " ms, " : "no think time, ") + String.format(java.util.Locale.ROOT,
                "load average %.1f to %.1f, ", loadBefore, java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                        .getSystemLoadAverage()) + failures.get() + " failed");
        Results.Figure capacity = results.figure(SATURATED, "throughput (capacity)");
        results.add(section, paced ? "throughput" : "throughput (capacity)", total / (double) duration, "req/s", null,
                !paced ? "every client always waiting: the rate two cores sustain"
                        : capacity == null ? "offered load" : String.format(java.util.Locale.ROOT,
                                "offered load, %.0f %% of the saturated run's capacity", 100 * total / (double) duration / capacity.value()));
        double[] baseline = percentiles(samples.get(BASELINE));
        for (Scenario scenario : SCENARIOS) {
            // The targets are response times: a saturated closed loop measures queueing, so only the paced run
            // is held to them.
            String target = paced ? scenario.target() : null;
            if (!scenario.enabled()) {
                for (String p : List.of("p50", "p95", "p99")) {
                    results.add(section, scenario.name() + " " + p, null, "ms", "p95".equals(p) ? target : null,
                            scenario.note());
                }
                continue;
            }
            double[] p = percentiles(samples.get(scenario.name()));
            String[] names = {"p50", "p95", "p99"};
            for (int k = 0; k < 3; k++) {
                String vs = scenario.name().equals(BASELINE) ? (k == 0 ? scenario.note() : "")
                        : String.format(java.util.Locale.ROOT, "%.1fx baseline", p[k] / baseline[k]);
                String note = vs + (k == 0 ? " (" + sizeOf(samples.get(scenario.name())) + " samples)" : "");
                if (k == 1 && scenario.target() != null) {
                    note += paced ? "; target read against this paced run" : "; capacity run, target read against the paced run";
                }
                results.add(section, scenario.name() + " " + names[k], p[k], "ms", k == 1 ? target : null, note);
            }
        }
    }

    /** p50, p95 and p99 in milliseconds (nearest rank); NaN without samples. */
    static double[] percentiles(List<Long> nanos) {
        if (nanos == null || nanos.isEmpty()) {
            return new double[] {Double.NaN, Double.NaN, Double.NaN};
        }
        long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
        double[] out = new double[3];
        double[] ranks = {0.50, 0.95, 0.99};
        for (int k = 0; k < 3; k++) {
            int index = (int) Math.ceil(ranks[k] * sorted.length) - 1;
            out[k] = sorted[Math.max(0, index)] / 1e6;
        }
        return out;
    }

    private static int sizeOf(List<Long> list) {
        return list == null ? 0 : list.size();
    }

    /** Signing in again after a refused connection: the server's accept queue may overflow at the start. */
    private static HttpClient signInWithRetry(String base, String username) {
        for (int attempt = 1; ; attempt++) {
            try {
                return signIn(base, username);
            } catch (UncheckedIOException e) {
                if (attempt == 5) {
                    throw e;
                }
            }
        }
    }

    /** A browser-like session: the login form's CSRF token, then the form post; the cookie does the rest. */
    private static HttpClient signIn(String base, String username) {
        HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();
        try {
            String form = client.send(HttpRequest.newBuilder(URI.create(base + "/login")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            Matcher csrf = CSRF.matcher(form);
            if (!csrf.find()) {
                throw new IllegalStateException("No CSRF token on the login page");
            }
            String body = "username=" + URLEncoder.encode(username, StandardCharsets.UTF_8) + "&password="
                    + URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8) + "&_csrf=" + URLEncoder.encode(csrf.group(1),
                    StandardCharsets.UTF_8);
            var response = client.send(HttpRequest.newBuilder(URI.create(base + "/login"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding());
            String location = response.headers().firstValue("Location").orElse("");
            if (response.statusCode() != 302 || location.contains("error")) {
                throw new IllegalStateException("Sign-in of " + username + " failed: " + response.statusCode() + " " + location);
            }
            return client;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * A year's event log of the whole company, downloaded as a department head would for a process-mining tool, while
     * jcmd samples the child's heap every second: the export streams, so the heap it needs does not grow with the
     * history, and a province's year fits in the same -Xmx512m as the pages.
     */
    private static void exportEventLog(String base, Process app, String format, Results results) throws Exception {
        String basic = "Basic " + Base64.getEncoder().encodeToString(("head.east:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        java.time.LocalDate today = java.time.LocalDate.now(org.yekuo.shared.ClockConfiguration.UTILITY_ZONE);
        URI uri = URI.create(base + "/api/insight/event-log?format=" + format + "&from=" + today.minusDays(365) + "&to=" + today);
        java.util.concurrent.atomic.AtomicLong peakKilobytes = new java.util.concurrent.atomic.AtomicLong();
        java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
        Pattern used = Pattern.compile("total \\d+K, used (\\d+)K");
        Thread sampler = new Thread(() -> {
            while (!done.get()) {
                try {
                    Matcher m = used.matcher(jcmd(app.pid(), "GC.heap_info"));
                    if (m.find()) {
                        peakKilobytes.accumulateAndGet(Long.parseLong(m.group(1)), Math::max);
                    }
                    Thread.sleep(1000); // one heap sample a second while the download runs
                } catch (Exception e) {
                    return;
                }
            }
        });
        sampler.start();
        long started = System.nanoTime();
        HttpResponse<java.io.InputStream> response;
        long bytes = 0;
        try {
            response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).header("Authorization", basic).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            try (java.io.InputStream body = response.body()) {
                byte[] buffer = new byte[64 * 1024];
                for (int n = body.read(buffer); n >= 0; n = body.read(buffer)) {
                    bytes += n;
                }
            }
        } finally {
            done.set(true);
            sampler.join();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        if (response.statusCode() != 200) {
            throw new IllegalStateException("The " + format + " event log answered HTTP " + response.statusCode());
        }
        results.add(MEMORY, "event log export, " + format + ", one year of the company", seconds, "s", "-Xmx512m",
                String.format("%.1f MB streamed, heap at most %d MB in use while it ran", bytes / 1e6, peakKilobytes.get() / 1024));
    }

    /** Heap in use after a full collection, and the committed heap, by jcmd on the child. */
    private static void heap(Process app, Results results) {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        if (!Files.isExecutable(jcmd)) {
            results.add(MEMORY, "heap used after the run", null, "MB", null, "jcmd not found");
            return;
        }
        try {
            jcmd(app.pid(), "GC.run");
            String info = jcmd(app.pid(), "GC.heap_info");
            Matcher m = Pattern.compile("total (\\d+)K, used (\\d+)K").matcher(info);
            if (m.find()) {
                results.add(MEMORY, "heap used after the run (after full GC)", Long.parseLong(m.group(2)) / 1024.0, "MB",
                        "-Xmx512m", "committed " + Long.parseLong(m.group(1)) / 1024 + " MB");
            } else {
                results.add(MEMORY, "heap used after the run", null, "MB", null, "unreadable jcmd output");
            }
        } catch (Exception e) {
            results.add(MEMORY, "heap used after the run", null, "MB", null, e.toString());
        }
    }

    private static String jcmd(long pid, String... command) throws Exception {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        List<String> line = new ArrayList<>(List.of(jcmd.toString(), Long.toString(pid)));
        line.addAll(List.of(command));
        Process p = new ProcessBuilder(line).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(60, TimeUnit.SECONDS);
        return out;
    }
}
