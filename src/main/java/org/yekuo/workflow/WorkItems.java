package org.yekuo.workflow;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.flowable.engine.HistoryService;
import org.flowable.task.api.history.HistoricTaskInstance;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.yekuo.shared.DomainException;

/**
 * The work list's rows ({@code work_item}, kept in step with the engine's open tasks by {@code WorkItemRecorder} in the
 * engine's own transaction), read into {@link WorkItem}s by one mapping: task operations check against a row instead
 * of asking the engine, so a check costs one indexed read.
 */
@Repository
class WorkItems {

    /**
     * The row's columns, and the task's due date from the engine's task, the one place of it besides the node's deadline
     * (V360): the deadline module moves both at once, and nothing else keeps a copy in step.
     */
    private static final String COLUMNS = "w.task_id, w.order_id, w.node_code, w.assignee, w.created_at, w.claimed_at,"
            + " (select t.due_date_ from act_ru_task t where t.id_ = w.task_id)";

    private final JdbcClient jdbc;
    private final HistoryService history;

    WorkItems(JdbcClient jdbc, HistoryService history) {
        this.jdbc = jdbc;
        this.history = history;
    }

    /** The open nodes that {@code condition} selects, oldest first, at most {@code max}, each with the roles it is offered to. */
    List<WorkItem> where(String condition, Map<String, ?> params, int max) {
        List<WorkItem> rows = jdbc.sql("select " + COLUMNS + " from work_item w where " + condition + " order by w.created_at, w.task_id")
                .params(params).query((rs, n) -> item(rs, Set.of())).list();
        if (rows.size() > max) {
            rows = rows.subList(0, max);
        }
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<String, Set<String>> roles = new HashMap<>();
        jdbc.sql("select task_id, role from work_item_role where task_id in (:ids) order by role")
                .param("ids", rows.stream().map(r -> r.taskId().value()).toList())
                .query(rs -> {
                    roles.computeIfAbsent(rs.getString(1), id -> new LinkedHashSet<>()).add(rs.getString(2));
                });
        return rows.stream().map(r -> r.offeredTo(Set.copyOf(roles.getOrDefault(r.taskId().value(), Set.of())))).toList();
    }

    /** An open node with the roles it is offered to; a node no longer open is refused, naming who completed it. */
    WorkItem open(String taskId) {
        record Line(WorkItem item, String role) {
        }
        List<Line> lines = jdbc.sql("select " + COLUMNS + ", r.role from work_item w left join work_item_role r on r.task_id = w.task_id"
                        + " where w.task_id = :task")
                .param("task", taskId).query((rs, n) -> new Line(item(rs, Set.of()), rs.getString(8))).list();
        if (lines.isEmpty()) {
            throw alreadyCompleted(taskId);
        }
        return lines.get(0).item().offeredTo(lines.stream().map(Line::role).filter(java.util.Objects::nonNull)
                .collect(java.util.stream.Collectors.toUnmodifiableSet()));
    }

    /** An open task's row (its item without roles) with what the checks need besides. */
    record OpenTask(WorkItem item, String orgPath, String owner, boolean delegated) {
    }

    /** The row of an open task, locked until commit when {@code lock}; a closed task is refused. */
    OpenTask row(String taskId, boolean lock) {
        return jdbc.sql("select " + COLUMNS + ", w.org_path, w.owner, w.delegated from work_item w where w.task_id = :task"
                        + (lock ? " for update" : ""))
                .param("task", taskId)
                .query((rs, n) -> new OpenTask(item(rs, Set.of()), rs.getString(8), rs.getString(9), rs.getBoolean(10)))
                .optional().orElseThrow(() -> alreadyCompleted(taskId));
    }

    /**
     * A variable of the task's process, read in one statement by the row's process: asking the engine for it looks in the
     * task's own variables, then in its execution's and its process's, three or four statements each time.
     */
    Optional<String> processVariable(String taskId, String name) {
        return jdbc.sql("""
                select v.text_ from work_item w join act_ru_variable v on v.execution_id_ = w.process_instance_id
                where w.task_id = :task and v.name_ = :name and v.task_id_ is null and v.text_ is not null""")
                .param("task", taskId).param("name", name).query(String.class).optional();
    }

    Set<String> rolesOf(String taskId) {
        return Set.copyOf(jdbc.sql("select role from work_item_role where task_id = :task").param("task", taskId)
                .query(String.class).list());
    }

    /** A task no longer open: not found when it never was, else already completed by whoever completed it. */
    DomainException alreadyCompleted(String taskId) {
        HistoricTaskInstance done = history.createHistoricTaskInstanceQuery().taskId(taskId).singleResult();
        if (done == null) {
            return DomainException.notFound("workflow.task.not-found", taskId);
        }
        return DomainException.conflict("workflow.task.already-completed", done.getAssignee() == null ? "-" : done.getAssignee());
    }

    /** The first seven columns of a row, in {@link #COLUMNS}' order. */
    private static WorkItem item(ResultSet rs, Set<String> roles) throws SQLException {
        long orderId = rs.getLong(2);
        return new WorkItem(new TaskId(rs.getString(1)), orderId > 0 ? new OrderId(orderId) : null, rs.getString(3), roles, rs.getString(4), instant(rs.getTimestamp(5)),
                instant(rs.getTimestamp(6)), instant(rs.getTimestamp(7)));
    }

    static Instant instant(java.sql.Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
