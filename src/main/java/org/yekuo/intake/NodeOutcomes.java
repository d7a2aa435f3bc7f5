package org.yekuo.intake;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Stores each pass or fail of an order's reviews and inspections, so that fails are counted and their reasons kept. */
@Repository
class NodeOutcomes {

    private final JdbcClient jdbc;

    NodeOutcomes(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void record(long orderId, String nodeCode, String taskId, OutcomePolicy.Decision decision, String decidedBy, Instant at) {
        jdbc.sql("""
                insert into node_outcome (application_id, node_code, task_id, outcome, reason, return_to, decided_by, decided_at)
                values (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(orderId, nodeCode, taskId, decision.outcome().name(), decision.reason(), decision.returnTo(), decidedBy,
                        Timestamp.from(at))
                .update();
    }

    /** The order's outcomes, oldest first. */
    List<RecordedOutcome> ofOrder(long orderId) {
        return jdbc.sql("""
                select node_code, outcome, reason, return_to, decided_by, decided_at from node_outcome
                where application_id = ? order by decided_at, id""")
                .param(orderId)
                .query((rs, n) -> new RecordedOutcome(rs.getString(1), NodeOutcome.valueOf(rs.getString(2)), rs.getString(3),
                        rs.getString(4), rs.getString(5), null, rs.getTimestamp(6).toInstant()))
                .list();
    }
}
