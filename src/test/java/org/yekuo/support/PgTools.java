package org.yekuo.support;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.postgresql.ds.PGSimpleDataSource;
import org.yekuo.EmbeddedPostgres;

/**
 * The suite's PostgreSQL server as an operator reaches it: fresh databases beside the test database, and the client
 * tools {@code pg_dump} and {@code pg_restore} of the same major version (Debian's postgresql-client-15, or the
 * directory named by {@code YEKUO_PG_BIN}).
 */
public final class PgTools {

    private final String host;
    private final int port;
    private final String user;
    private final String password;

    private PgTools(String host, int port, String user, String password) {
        this.host = host;
        this.port = port;
        this.user = user;
        this.password = password;
    }

    /** The server the suite's test database lives on. */
    public static PgTools testServer() {
        String external = System.getenv("YEKUO_TEST_DATABASE_URL");
        String url = external != null ? external : EmbeddedPostgres.jdbcUrl();
        URI uri = URI.create(url.substring("jdbc:".length()));
        String user = external != null ? System.getenv().getOrDefault("YEKUO_TEST_DATABASE_USER", "yekuo") : "postgres";
        String password = external != null ? System.getenv().getOrDefault("YEKUO_TEST_DATABASE_PASSWORD", "yekuo") : "postgres";
        return new PgTools(uri.getHost(), uri.getPort() < 0 ? 5432 : uri.getPort(), user, password);
    }

    /** The test database's name on that server. */
    public static String testDatabase() {
        String external = System.getenv("YEKUO_TEST_DATABASE_URL");
        String url = external != null ? external : EmbeddedPostgres.jdbcUrl();
        String path = URI.create(url.substring("jdbc:".length())).getPath();
        return path.substring(1);
    }

    public String url(String database) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    public PGSimpleDataSource dataSource(String database) {
        PGSimpleDataSource source = new PGSimpleDataSource();
        source.setUrl(url(database));
        source.setUser(user);
        source.setPassword(password);
        return source;
    }

    /** Creates an empty database with a name nobody else uses and returns that name. */
    public String createDatabase(String prefix) throws SQLException {
        String name = prefix + "_" + Long.toString(System.nanoTime(), 36);
        try (Connection connection = DriverManager.getConnection(url(testDatabase()), user, password);
                Statement statement = connection.createStatement()) {
            statement.execute("create database " + name);
        }
        return name;
    }

    /** Runs one of the client tools with the server's address and credentials; fails with its output when it fails. */
    public String run(String tool, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(binary(tool).toString());
        command.addAll(List.of("--host", host, "--port", Integer.toString(port), "--username", user, "--no-password"));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(Map.of("PGPASSWORD", password));
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
        }
        return output;
    }

    private static Path binary(String tool) {
        List<Path> candidates = new ArrayList<>();
        String configured = System.getenv("YEKUO_PG_BIN");
        if (configured != null) {
            candidates.add(Path.of(configured, tool));
        }
        candidates.add(Path.of("/usr/lib/postgresql/15/bin", tool));
        candidates.add(Path.of("/usr/bin", tool));
        return candidates.stream().filter(Files::isExecutable).findFirst().orElseThrow(() -> new IllegalStateException(
                tool + " not found: install postgresql-client-15 or set YEKUO_PG_BIN to the directory of the PostgreSQL 15 client tools"));
    }
}
