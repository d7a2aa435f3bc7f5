package org.yekuo;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Several nodes started at the same moment on an empty database, as after a fresh installation behind a load
 * balancer: every node comes up, the engine's schema is created once, each process is deployed once and the demo
 * organisation is seeded once (R-X-4).
 */
class ClusterFirstStartTests {

    private static final int NODES = 2;

    @Test
    @DisplayName("R-X-4 two nodes starting at once on an empty database all start, deploy each process once and seed once")
    void nodesStartingTogetherOnAnEmptyDatabaseAllComeUp() throws Exception {
        String admin = EmbeddedPostgres.jdbcUrl();
        String name = "first_start_" + Long.toHexString(System.nanoTime());
        execute(admin, "create database " + name);
        String url = admin.replaceFirst("/[^/?]*(\\?|$)", "/" + name + "$1");
        EmbeddedPostgres.useDatabase(url, "postgres", "postgres");
        ExecutorService pool = Executors.newFixedThreadPool(NODES);
        List<Future<ConfigurableApplicationContext>> starts = new ArrayList<>();
        List<Throwable> failures = new ArrayList<>();
        try {
            CountDownLatch go = new CountDownLatch(1);
            for (int i = 0; i < NODES; i++) {
                starts.add(pool.submit(() -> {
                    go.await();
                    return new SpringApplicationBuilder(YekuoApplication.class)
                            .properties("server.port=0", "management.server.port=0").run();
                }));
            }
            go.countDown();
            for (Future<ConfigurableApplicationContext> start : starts) {
                try {
                    start.get(10, TimeUnit.MINUTES).close();
                } catch (Exception e) {
                    failures.add(e.getCause() == null ? e : e.getCause());
                }
            }
            assertThat(failures).as("nodes that failed to start").isEmpty();
            try (Connection c = DriverManager.getConnection(url, "postgres", "postgres")) {
                assertThat(single(c, "select count(*) from (select key_ from act_re_procdef group by key_ having count(*) > 1) d"))
                        .as("processes deployed more than once").isZero();
                assertThat(single(c, "select count(*) from act_re_deployment")).isEqualTo(1);
                assertThat(single(c, "select count(*) from staff where username = 'clerk'")).isEqualTo(1);
                assertThat(single(c, "select count(*) from (select code from org_unit group by code having count(*) > 1) d")).isZero();
            }
        } finally {
            pool.shutdownNow();
            EmbeddedPostgres.useTestDatabase();
            execute(admin, "drop database if exists " + name + " with (force)");
        }
    }

    private static long single(Connection c, String sql) throws Exception {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void execute(String url, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(url, "postgres", "postgres"); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
