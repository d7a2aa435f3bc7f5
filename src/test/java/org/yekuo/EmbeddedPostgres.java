package org.yekuo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Points every test application context at PostgreSQL: the server named by
 * {@code YEKUO_TEST_DATABASE_URL} when set, else one embedded PostgreSQL 15 started once per JVM; and
 * switches off the scheduled deadline sweep, which tests run themselves.
 */
public class EmbeddedPostgres implements EnvironmentPostProcessor {

    private static volatile io.zonky.test.db.postgres.embedded.EmbeddedPostgres server;
    /** A database chosen by the caller (the benchmark) that every context started afterwards uses. */
    private static volatile Map<String, Object> chosen;
    /** Settings of the caller that take precedence over the tests' own below (a chaos node sweeps deadlines itself). */
    private static volatile Map<String, Object> chosenSettings = Map.of();

    /** Points contexts started from now on at the given database instead of the test database. */
    public static void useDatabase(String url, String username, String password) {
        useDatabase(url, username, password, Map.of());
    }

    /** Points contexts started from now on at the given database, with {@code settings} over the tests' own. */
    public static void useDatabase(String url, String username, String password, Map<String, Object> settings) {
        chosen = Map.of("spring.datasource.url", url, "spring.datasource.username", username,
                "spring.datasource.password", password);
        chosenSettings = Map.copyOf(settings);
    }

    /** Contexts started from now on use the test database again. */
    public static void useTestDatabase() {
        chosen = null;
        chosenSettings = Map.of();
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String external = System.getenv("YEKUO_TEST_DATABASE_URL");
        // A module test starts a few modules only, so a migration written in Java by a module it leaves out is unknown
        // to its Flyway: it gets a database of its own rather than one the whole product has migrated.
        String database = environment.getProperty(DATABASE_PROPERTY);
        if (database != null && external != null) {
            external = external.replaceFirst("/[^/?]+(?=\\?|$)", "/" + database);
        }
        Map<String, Object> properties = chosen != null ? chosen : external != null
                ? Map.of("spring.datasource.url", external,
                        "spring.datasource.username", System.getenv().getOrDefault("YEKUO_TEST_DATABASE_USER", "yekuo"),
                        "spring.datasource.password", System.getenv().getOrDefault("YEKUO_TEST_DATABASE_PASSWORD", "yekuo"))
                : Map.of("spring.datasource.url", database == null ? jdbcUrl() : jdbcUrl(database),
                        "spring.datasource.username", "postgres",
                        "spring.datasource.password", "postgres");
        Map<String, Object> all = new java.util.HashMap<>(properties);
        // Tests run the deadline sweep by hand on a clock they move; a scheduled one on real time would race them.
        all.put("yekuo.deadline.sweep-enabled", "false");
        // The TLS proxy in front of the tests' server, as HttpFrontTests plays it; every other client is untrusted.
        all.put("server.tomcat.remoteip.internal-proxies", "127\\.0\\.0\\.2");
        all.put("yekuo.evaluation.sweep-enabled", "false");
        // Every test client comes from 127.0.0.1, so the budget of failures per address in all is raised; the budget per
        // account and address stays as in production (tests that fail one account often send from their own addresses).
        all.put("yekuo.security.sign-in-throttle.failures-per-address", "100000");
        all.put("yekuo.insight.refresh-enabled", "false");
        // A webhook receiver that comes back is found again within seconds, not after the production back-off.
        all.put("yekuo.webhooks.first-retry-delay", "1s");
        all.put("yekuo.webhooks.max-retry-delay", "2s");
        // The inbound API trusts the tests' own issuer, whose private key signs the tests' tokens.
        all.put("yekuo.integration.inbound.issuer", "https://idp.test.yekuo");
        all.put("yekuo.integration.inbound.public-key-location", "classpath:inbound/test-issuer.pub");
        all.put("yekuo.insight.aggregates-enabled", "false");
        // The demo's accounts are there for the tests, its order history is not: tests make the orders they read.
        all.put("yekuo.demo.history", "false");
        // Staff may sign in with the company account of the tests' own OpenID provider (started by the tests that use it).
        all.put("yekuo.sso.issuer-uri", org.yekuo.support.TestIdentityProvider.ISSUER);
        all.put("yekuo.sso.client-id", org.yekuo.support.TestIdentityProvider.CLIENT_ID);
        all.put("yekuo.sso.client-secret", org.yekuo.support.TestIdentityProvider.CLIENT_SECRET);
        all.put("yekuo.sso.role-rules[0].claim", "groups");
        all.put("yekuo.sso.role-rules[0].value", "yekuo-clerks");
        all.put("yekuo.sso.role-rules[0].roles", "CLERK");
        all.put("yekuo.sso.role-rules[1].claim", "groups");
        all.put("yekuo.sso.role-rules[1].value", "yekuo-surveyors");
        all.put("yekuo.sso.role-rules[1].roles", "SURVEYOR");
        all.put("yekuo.sso.org-unit-rules[0].claim", "department");
        all.put("yekuo.sso.org-unit-rules[0].value", "east-station");
        all.put("yekuo.sso.org-unit-rules[0].org-unit", "YK-EAST-BIZ");
        all.put("yekuo.sso.org-unit-rules[1].claim", "department");
        all.put("yekuo.sso.org-unit-rules[1].value", "west-station");
        all.put("yekuo.sso.org-unit-rules[1].org-unit", "YK-WEST-BIZ");
        if (chosen != null) {
            all.putAll(chosenSettings);
        }
        environment.getPropertySources().addFirst(new MapPropertySource("yekuoTestDatabase", all));
    }

    /** The database a test context asks for instead of the shared test database, created on first use. */
    public static final String DATABASE_PROPERTY = "yekuo.test.database";

    static synchronized String jdbcUrl(String database) {
        if (!database.matches("[a-z_]+")) {
            throw new IllegalArgumentException(DATABASE_PROPERTY + " must be lower-case letters and underscores: " + database);
        }
        jdbcUrl();
        try (java.sql.Connection connection = server.getPostgresDatabase().getConnection();
                java.sql.Statement statement = connection.createStatement()) {
            java.sql.ResultSet exists = statement.executeQuery("select 1 from pg_database where datname = '" + database + "'");
            if (!exists.next()) {
                statement.execute("create database " + database);
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("Cannot create test database " + database, e);
        }
        return server.getJdbcUrl("postgres", database);
    }

    public static synchronized String jdbcUrl() {
        if (server == null) {
            try {
                server = io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder()
                        .setServerConfig("max_connections", "300")
                        .setServerConfig("fsync", "off")
                        .setServerConfig("synchronous_commit", "off")
                        .start();
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot start embedded PostgreSQL", e);
            }
        }
        return server.getJdbcUrl("postgres", "postgres");
    }
}
