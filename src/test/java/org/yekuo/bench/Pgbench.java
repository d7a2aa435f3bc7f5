package org.yekuo.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The database's own ceiling: pgbench's TPC-B-like rate on the same server and database, in a schema of
 * its own that is dropped afterwards. Absent pgbench the figure is reported as not available.
 */
final class Pgbench {

    static final String SCHEMA = "bench_pgbench";
    private static final Pattern TPS = Pattern.compile("tps = ([0-9.]+)");

    private Pgbench() {
    }

    /** Transactions per second, or null with {@code note} saying why there is none. */
    static Result run(BenchDatabase db, int clients, int seconds) {
        Path binary = Path.of(System.getProperty("bench.pgbench", "/usr/bin/pgbench"));
        if (!Files.isExecutable(binary)) {
            return new Result(null, "pgbench not found at " + binary + " (set -Dbench.pgbench)");
        }
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("drop schema if exists " + SCHEMA + " cascade");
            s.execute("create schema " + SCHEMA);
        } catch (Exception e) {
            return new Result(null, "cannot create schema " + SCHEMA + ": " + e.getMessage());
        }
        try {
            // PGOPTIONS puts the pgbench tables in their own schema, away from Yekuo's.
            Map<String, String> env = Map.of("PGPASSWORD", db.password(), "PGOPTIONS", "-c search_path=" + SCHEMA);
            String init = exec(binary, db, env, "-i", "-q", "-s", "1", "-I", "dtgvp");
            if (init == null) {
                return new Result(null, "pgbench -i failed");
            }
            String out = exec(binary, db, env, "-c", Integer.toString(clients), "-j", Integer.toString(Math.min(clients, 2)),
                    "-T", Integer.toString(seconds), "-n");
            Matcher m = out == null ? null : TPS.matcher(out);
            if (m == null || !m.find()) {
                return new Result(null, "pgbench gave no rate: " + out);
            }
            return new Result(Double.parseDouble(m.group(1)),
                    "TPC-B-like, scale 1, " + clients + " clients, " + seconds + " s");
        } finally {
            try (Connection c = db.connect(); Statement s = c.createStatement()) {
                s.execute("drop schema if exists " + SCHEMA + " cascade");
            } catch (Exception ignored) {
                // A leftover schema is dropped by the next run before it starts.
            }
        }
    }

    private static String exec(Path binary, BenchDatabase db, Map<String, String> env, String... args) {
        List<String> command = new ArrayList<>(List.of(binary.toString(), "-h", db.host(), "-p", Integer.toString(db.port()),
                "-U", db.username()));
        command.addAll(List.of(args));
        command.add(db.database());
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().putAll(env);
            Process process = builder.start();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
                return null;
            }
            return new String(output, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    record Result(Double tps, String note) {
    }
}
