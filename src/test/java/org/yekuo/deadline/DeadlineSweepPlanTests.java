package org.yekuo.deadline;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The sweep's cost must follow the nodes due, not the nodes open (R-SLA-3, R-SLA-4): each of its three scans
 * has to be answerable from the partial index of unclaimed open rows ordered by its threshold (V81), which
 * holds nothing else, in threshold order so that the scan stops after one batch. The planner's other choices
 * (sequential and bitmap scans, sorting) are switched off for the question so that the answer does not depend on
 * how few rows the test database holds: only an index that serves the scan in its order is left without a sort.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
@Import(DeadlineTestClock.class)
class DeadlineSweepPlanTests {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    @ParameterizedTest(name = "R-SLA-4 the {0} scan reads {1}")
    @CsvSource({
            "yellow,   node_deadline_yellow_due_idx",
            "reminder, node_deadline_remind_due_idx",
            // the board's index of open rows by deadline (V83) serves it in the same order
            "overdue,  node_deadline_(overdue_due|open_by_due)_idx" })
    void sweepScanReadsItsPartialIndex(String scan, String index) {
        String sql = switch (scan) {
            case "yellow" -> DeadlineRows.DUE_TO_TURN_YELLOW;
            case "reminder" -> DeadlineRows.DUE_FOR_REMINDER;
            default -> OverdueLock.DUE;
        };
        List<String> plan = transactions.execute(status -> {
            for (String setting : List.of("enable_seqscan", "enable_bitmapscan", "enable_sort")) {
                jdbc.sql("set local " + setting + " = off").update();
            }
            return jdbc.sql("explain " + sql + " limit 100").param(Timestamp.from(Instant.now())).query(String.class).list();
        });

        assertThat(String.join("\n", plan)).as("plan of the %s scan", scan).containsPattern(" using " + index + " ")
                .doesNotContain("Sort");
    }
}
