package org.yekuo.deadline;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.yekuo.YekuoApplication;

/**
 * Two application nodes on one PostgreSQL, as in production behind a load balancer: the test's own
 * context and a second one started here on the same database and the same (moved) clock. Both sweep at
 * once, two threads each; every reminder and every warning goes out exactly once (R-SLA-3, R-X-4).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
@Import(DeadlineTestClock.class)
class DeadlineClusterTests {

    private static final int NODES = 40;

    @Autowired
    DeadlineSweep sweep;

    @Autowired
    JdbcClient jdbc;

    @Test
    @DisplayName("R-SLA-3 R-SLA-4 two application nodes sweeping one database at once remind and warn once per node, and lock it")
    void twoNodesRemindAndWarnOnce() throws Exception {
        DeadlineTestClock.CLOCK.set(LocalDateTime.of(2026, 6, 1, 9, 0));
        String prefix = "CL" + ThreadLocalRandom.current().nextInt(1_000_000, 9_999_999);
        List<String> orderNos = new ArrayList<>();
        long surveyorUnit = jdbc.sql("select org_unit_id from staff where username = 'surveyor'").query(Long.class).single();
        String stationPath = jdbc.sql("select p.path from org_unit o join org_unit p on p.id = o.parent_id where o.id = ?")
                .param(surveyorUnit).query(String.class).single();
        for (int i = 0; i < NODES; i++) {
            String orderNo = prefix + "-" + i;
            orderNos.add(orderNo);
            // Reached a week ago, reminded yesterday at the latest, overdue since Friday night.
            jdbc.sql("""
                    insert into node_deadline (order_id, order_no, type_code, type_version, node_code, task_id, roles, org_path,
                        handler, handler_org_unit_id, reached_at, due_at, yellow_at, remind_at, limit_unit)
                    values (?, ?, 'LV_RES_NEW', 1, 'SITE_SURVEY', ?, 'SURVEYOR', ?, 'surveyor', ?, ?, ?, ?, ?, 'WORKING_DAYS')""")
                    .params(-ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE), orderNo, orderNo + "-task", stationPath,
                            surveyorUnit, ts(LocalDateTime.of(2026, 5, 25, 9, 0)), ts(LocalDateTime.of(2026, 5, 29, 23, 59, 59)),
                            ts(LocalDateTime.of(2026, 5, 26, 23, 59, 59)), ts(LocalDateTime.of(2026, 5, 28, 23, 59, 59)))
                    .update();
        }

        try (ConfigurableApplicationContext secondNode = new SpringApplicationBuilder(YekuoApplication.class,
                DeadlineTestClock.class).properties("server.port=0").run()) {
            DeadlineSweep other = secondNode.getBean(DeadlineSweep.class);
            assertThat(other).isNotSameAs(sweep);
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<DeadlineSweep.Result>> runs = new ArrayList<>();
                for (DeadlineSweep node : List.of(sweep, sweep, other, other)) {
                    runs.add(pool.submit(() -> {
                        start.await();
                        return node.sweep();
                    }));
                }
                start.countDown();
                for (Future<DeadlineSweep.Result> run : runs) {
                    run.get(120, TimeUnit.SECONDS);
                }
            } finally {
                pool.shutdownNow();
            }
        }

        for (String orderNo : orderNos) {
            assertThat(count("select count(*) from sms_outbox where business_ref = ? and template_code = 'deadline-reminder'", orderNo))
                    .as("reminders of %s", orderNo).isEqualTo(1);
            assertThat(count("select count(*) from sms_outbox where business_ref = ? and template_code = 'deadline-overdue'", orderNo))
                    .as("warnings of %s", orderNo).isEqualTo(1);
            assertThat(count("select count(*) from audit_record where subject_id = ? and action = 'deadline.overdue'", orderNo))
                    .isEqualTo(1);
            assertThat(count("select count(*) from node_deadline where order_no = ? and locked = true and turned_red_at is not null"
                    + " and turned_yellow_at is not null", orderNo)).isEqualTo(1);
        }
        // A restart (or a third run) finds nothing left to send.
        DeadlineSweep.Result again = sweep.sweep();
        assertThat(again.reminded() + again.overdue()).isZero();
    }

    private long count(String sql, String orderNo) {
        return jdbc.sql(sql).param(orderNo).query(Long.class).single();
    }

    private static Timestamp ts(LocalDateTime local) {
        return Timestamp.from(local.atZone(MovableClock.ZONE).toInstant());
    }
}
