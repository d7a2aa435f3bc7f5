package org.yekuo.deadline;

import java.time.Instant;
import java.util.function.Consumer;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The history of nodes for the modules that learn from it (forecasts, process mining): streamed a batch
 * at a time, so that a year of a province never sits in memory, and read on the indexes of
 * {@code node_deadline} by completion time or by "still open". Withdrawn orders' nodes are left out:
 * they did not finish, they were stopped.
 */
@Service
@Transactional(readOnly = true)
public class DeadlineHistory {

    private static final int FETCH_SIZE = 2_000;

    private final JdbcClient jdbc;
    private final DeadlineRows rows;

    DeadlineHistory(DataSource dataSource, DeadlineRows rows) {
        JdbcTemplate template = new JdbcTemplate(dataSource);
        // PostgreSQL streams with a cursor inside the (read-only) transaction instead of loading the whole result.
        template.setFetchSize(FETCH_SIZE);
        this.jdbc = JdbcClient.create(template);
        this.rows = rows;
    }

    /** Each node completed in {@code [from, to)}, by completion time. */
    public void completed(Instant from, Instant to, Consumer<NodeDeadline> each) {
        try (Stream<NodeDeadline> nodes = jdbc.sql("""
                select * from node_deadline where completed_at >= ? and completed_at < ? and cancelled = false
                 order by completed_at, id""").params(DeadlineRows.ts(from), DeadlineRows.ts(to)).query(rows::row).stream()) {
            nodes.forEach(each);
        }
    }

    /** Each node open now, by deadline. */
    public void open(Consumer<NodeDeadline> each) {
        try (Stream<NodeDeadline> nodes = jdbc.sql("select * from node_deadline where completed_at is null order by due_at, id")
                .query(rows::row).stream()) {
            nodes.forEach(each);
        }
    }
}
