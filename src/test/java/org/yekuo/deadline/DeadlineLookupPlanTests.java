package org.yekuo.deadline;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Completing a node and reading an order's open nodes must find their rows by the task's and the order's key
 * whatever PostgreSQL believes about the open rows. After a bulk load of finished history its statistics say no
 * node is open, so every partial index of open rows (V81, V83) looks empty and cheapest; a look-up that named
 * "still open" was answered from one of them by reading every open row. The test database is brought into that
 * state inside a transaction that is rolled back.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
@Import(DeadlineTestClock.class)
class DeadlineLookupPlanTests {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    @Test
    @DisplayName("R-SLA-1 a node's completion and an order's open nodes read their own key while the statistics say no node is open")
    void lookUpsReadTheirKeyWhateverTheStatistics() {
        Instant now = Instant.now();
        transactions.executeWithoutResult(status -> {
            // Statistics gathered over finished nodes only, as a go-live migration leaves them ...
            jdbc.sql("update node_deadline set completed_at = reached_at where completed_at is null").update();
            insertNodes(3_000, now, true);
            jdbc.sql("analyze node_deadline").update();
            assertThat(jdbc.sql("select null_frac from pg_stats where tablename = 'node_deadline' and attname = 'completed_at'")
                    .query(Double.class).single()).as("share of open nodes the statistics claim").isZero();
            // ... then the open nodes arrive.
            insertNodes(1_000, now, false);
            for (String setting : List.of("enable_seqscan", "enable_bitmapscan")) {
                jdbc.sql("set local " + setting + " = off").update();
            }

            assertThat(plan(DeadlineRows.COMPLETE, Map.of("task", "lookup-open-7", "at", Timestamp.from(now))))
                    .contains(" using node_deadline_task_id_key ");
            assertThat(plan(DeadlineRows.OF_ORDERS, Map.of("ids", List.of(-7L)))).contains(" using node_deadline_order_idx ");
            // Naming "still open" besides the key is what the planner answered from a partial index.
            assertThat(plan("select * from node_deadline where task_id = :task and completed_at is null", Map.of("task", "lookup-open-7")))
                    .doesNotContain("node_deadline_task_id_key");
            status.setRollbackOnly();
        });
    }

    private String plan(String sql, Map<String, ?> params) {
        return String.join("\n", jdbc.sql("explain " + sql).params(params).query(String.class).list());
    }

    private void insertNodes(int count, Instant now, boolean finished) {
        String kind = finished ? "done" : "open";
        jdbc.sql("""
                insert into node_deadline (order_id, order_no, type_code, node_code, task_id, roles, org_path,
                    reached_at, due_at, yellow_at, remind_at, completed_at)
                select -g, 'LOOKUP', 'LV_RES_NEW', 'SITE_SURVEY', 'lookup-' || :kind || '-' || g, 'SURVEYOR', '/1/',
                    cast(:at as timestamptz), cast(:at as timestamptz) + interval '3 days',
                    cast(:at as timestamptz) + interval '1 day', cast(:at as timestamptz) + interval '2 days',
                    case when :finished then cast(:at as timestamptz) + interval '1 day' end
                from generate_series(1, :count) g""")
                .param("kind", kind).param("at", Timestamp.from(now)).param("finished", finished).param("count", count).update();
    }
}
