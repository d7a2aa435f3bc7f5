package org.yekuo.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

/**
 * The PostgreSQL database a benchmark run measures: the one named by {@code YEKUO_BENCH_DATABASE_URL}
 * (else {@code YEKUO_TEST_DATABASE_URL}) when set, else a database {@code name} on an embedded
 * PostgreSQL 15 whose data directory outlives the run, so a generated history is reused next time.
 *
 * @param url      JDBC URL of the benchmark database
 * @param host     for pgbench
 * @param database for pgbench and {@code pg_stat_database}
 */
record BenchDatabase(String url, String username, String password, String host, int port, String database,
        AutoCloseable server) implements AutoCloseable {

    /** The database of a full benchmark run. */
    static BenchDatabase forRun(Path dataDirectory, String name) {
        Map<String, String> env = System.getenv();
        String external = env.getOrDefault("YEKUO_BENCH_DATABASE_URL", env.get("YEKUO_TEST_DATABASE_URL"));
        if (external != null) {
            String user = env.getOrDefault("YEKUO_BENCH_DATABASE_USER", env.getOrDefault("YEKUO_TEST_DATABASE_USER", "yekuo"));
            String password = env.getOrDefault("YEKUO_BENCH_DATABASE_PASSWORD",
                    env.getOrDefault("YEKUO_TEST_DATABASE_PASSWORD", "yekuo"));
            return external(external, user, password);
        }
        try {
            Files.createDirectories(dataDirectory);
            // A data directory left by an earlier run is reused as it is: initdb runs only on an empty one.
            var server = io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    .setServerConfig("max_connections", "300")
                    .setServerConfig("shared_buffers", "256MB")
                    .setServerConfig("work_mem", "16MB")
                    .setServerConfig("maintenance_work_mem", "256MB")
                    .setServerConfig("max_wal_size", "4GB")
                    .setServerConfig("synchronous_commit", "off")
                    .setServerConfig("shared_preload_libraries", "pg_stat_statements")
                    .start();
            createIfMissing(server.getJdbcUrl("postgres", "postgres"), name);
            return new BenchDatabase(server.getJdbcUrl("postgres", name), "postgres", "postgres", "localhost",
                    server.getPort(), name, server);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start embedded PostgreSQL in " + dataDirectory, e);
        }
    }

    /** A fresh, uniquely named database on the server at {@code adminUrl}, dropped when closed. */
    static BenchDatabase scratch(String adminUrl, String username, String password) {
        String name = "bench_smoke_" + Long.toHexString(System.nanoTime());
        try (Connection c = DriverManager.getConnection(adminUrl, username, password); Statement s = c.createStatement()) {
            s.execute("create database " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create the scratch database " + name, e);
        }
        BenchDatabase parent = external(adminUrl, username, password);
        String url = adminUrl.replaceFirst("/[^/?]*(\\?|$)", "/" + name + "$1");
        AutoCloseable drop = () -> {
            try (Connection c = DriverManager.getConnection(adminUrl, username, password); Statement s = c.createStatement()) {
                s.execute("drop database if exists " + name + " with (force)");
            }
        };
        return new BenchDatabase(url, username, password, parent.host(), parent.port(), name, drop);
    }

    private static BenchDatabase external(String url, String user, String password) {
        var m = java.util.regex.Pattern.compile("jdbc:postgresql://([^:/]+)(?::(\\d+))?/([^?]+)").matcher(url);
        if (!m.find()) {
            throw new IllegalArgumentException("Not a PostgreSQL JDBC URL: " + url);
        }
        return new BenchDatabase(url, user, password, m.group(1), m.group(2) == null ? 5432 : Integer.parseInt(m.group(2)),
                m.group(3), null);
    }

    private static void createIfMissing(String adminUrl, String name) {
        try (Connection c = DriverManager.getConnection(adminUrl, "postgres", "postgres"); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("select 1 from pg_database where datname = '" + name + "'")) {
                if (rs.next()) {
                    return;
                }
            }
            s.execute("create database " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create database " + name, e);
        }
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(url, username, password);
    }

    /** The JDBC URL of the same database with {@code schema} first on the search path. */
    String urlWithSchema(String schema) {
        return url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    /** Transactions committed in this database so far (all sessions), from the statistics collector. */
    long committedTransactions() {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            // Statistics are per backend until flushed; ask for fresh numbers.
            s.execute("select pg_stat_clear_snapshot()");
            try (ResultSet rs = s.executeQuery("select xact_commit from pg_stat_database where datname = current_database()")) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The postmaster's process id when the server runs on this machine (its data directory is readable
     * here), so that the CPU its processes spend can be read from /proc; empty for a remote server.
     */
    java.util.OptionalLong localServerPid() {
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("show data_directory")) {
            rs.next();
            Path pidFile = Path.of(rs.getString(1), "postmaster.pid");
            return Files.isReadable(pidFile) ? java.util.OptionalLong.of(Long.parseLong(Files.readAllLines(pidFile).get(0).trim()))
                    : java.util.OptionalLong.empty();
        } catch (SQLException | IOException | RuntimeException e) {
            return java.util.OptionalLong.empty();
        }
    }

    /** Starts statement statistics afresh; false when the server does not load pg_stat_statements. */
    boolean resetStatementStatistics() {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("create extension if not exists pg_stat_statements");
            s.execute("select pg_stat_statements_reset()");
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    /**
     * Statements this database has run since statement statistics were last reset (all sessions, as
     * pg_stat_statements counts them, BEGIN and COMMIT included); -1 when the server does not load it.
     */
    long statementCalls() {
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "select coalesce(sum(calls), 0) from pg_stat_statements where dbid = (select oid from pg_database where datname = current_database())")) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            return -1;
        }
    }

    /**
     * The statements of this database that took the most execution time since the last reset, and those
     * run most often, as table lines, after a line with the number of statements run in all.
     */
    List<String> topStatements(int limit) {
        List<String> lines = new java.util.ArrayList<>();
        String ofThisDatabase = " from pg_stat_statements where dbid = (select oid from pg_database where datname = current_database())";
        try (Connection c = connect(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("select coalesce(sum(calls), 0), coalesce(sum(total_exec_time), 0)" + ofThisDatabase)) {
                rs.next();
                lines.add(String.format("all statements: %d calls, %.1f ms", rs.getLong(1), rs.getDouble(2)));
            }
            for (String order : List.of("total_exec_time", "calls")) {
                lines.add("by " + order + ":");
                lines.add(String.format("%10s %12s %9s %10s  %s", "calls", "total ms", "mean ms", "rows", "statement"));
                try (ResultSet rs = s.executeQuery("select calls, total_exec_time, mean_exec_time, rows, regexp_replace(query, '\\s+', ' ', 'g')"
                        + ofThisDatabase + " order by " + order + " desc limit " + limit)) {
                    while (rs.next()) {
                        lines.add(String.format("%10d %12.1f %9.3f %10d  %s", rs.getLong(1), rs.getDouble(2), rs.getDouble(3),
                                rs.getLong(4), rs.getString(5)));
                    }
                }
            }
        } catch (SQLException e) {
            lines.add("n/a: " + e.getMessage());
        }
        return lines;
    }

    @Override
    public void close() throws Exception {
        if (server != null) {
            server.close();
        }
    }
}
