package org.yekuo.work;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The idempotency keys of node completions sent from the phone, by who sent them. */
@Repository
class NodeCompletionKeys {

    static final int MAX_KEY = 80;

    private final JdbcClient jdbc;

    NodeCompletionKeys(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The task a key completed, if it did. */
    Optional<String> taskOf(String username, String key) {
        return jdbc.sql("select task_id from node_completion_key where completed_by = ? and idempotency_key = ?")
                .params(username, key).query(String.class).optional();
    }

    /**
     * Claims the key before the node is worked: a repeat sent at the same time waits here for the first to commit and
     * then fails on the key, never on a node half done.
     */
    void claim(String username, String key, String taskId, long orderId, String nodeCode, Instant at) {
        jdbc.sql("""
                insert into node_completion_key (idempotency_key, completed_by, task_id, application_id, node_code, completed_at)
                values (?, ?, ?, ?, ?, ?)""").params(key, username, taskId, orderId, nodeCode, Timestamp.from(at)).update();
    }
}
