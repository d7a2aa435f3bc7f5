package org.yekuo.workflow;

import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.flowable.engine.RuntimeService;
import org.flowable.engine.TaskService;
import org.flowable.engine.runtime.ProcessInstance;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.yekuo.workflow.internal.ProcessVariables;

/**
 * Runs orders' processes: start with the business type's planned nodes, cancel, and the timeline of every node an
 * order has reached. Work on the open nodes is {@link OpenNodes}'; what waits for whom is {@link WorkList}'; a
 * countersign's engine side is {@link CountersignRounds}'. Every call joins the caller's transaction, so the engine's
 * state commits together with Yekuo's own. The process's business key is the order id.
 */
@Service
public class OrderProcesses {

    private final RuntimeService runtime;
    private final TaskService tasks;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final JdbcClient jdbc;

    OrderProcesses(RuntimeService runtime, TaskService tasks, ApplicationEventPublisher events, Clock clock, JdbcClient jdbc) {
        this.runtime = runtime;
        this.tasks = tasks;
        this.events = events;
        this.clock = clock;
        this.jdbc = jdbc;
    }

    /**
     * Starts an order's process; {@code plannedNodes} are the node codes its business type uses, in order.
     * The order's number and catalogue version travel with every {@link NodeReached}.
     */
    @Transactional
    public void start(OrderReference order, ProcessFamily family, List<String> plannedNodes) {
        Map<String, Object> variables = new HashMap<>();
        variables.put(ProcessVariables.ORDER_ID, order.orderId());
        variables.put(ProcessVariables.PLANNED_NODES, ProcessVariables.plannedNodes(plannedNodes));
        variables.put(ProcessVariables.ORG_PATH, order.orgPath());
        if (order.orderNo() != null) {
            variables.put(ProcessVariables.ORDER_NO, order.orderNo());
            variables.put(ProcessVariables.TYPE_CODE, order.typeCode());
            variables.put(ProcessVariables.TYPE_VERSION, order.typeVersion());
        }
        variables.put(ProcessVariables.SKIP_ENABLED, true);
        runtime.startProcessInstanceByKey(family.processKey(), Long.toString(order.orderId()), variables);
    }

    /** Ends a running order's process with the reason; the order keeps its history. */
    @Transactional
    public void cancel(OrderId orderId, String reason) {
        instance(orderId).ifPresent(instance -> {
            runtime.deleteProcessInstance(instance.getId(), reason);
            events.publishEvent(new ProcessCancelled(orderId, reason, clock.instant()));
        });
    }

    /** Moves an open node's due date (a deadline moved by a pause or a leader's approval); a closed node keeps its own. */
    @Transactional
    public void changeDueDate(TaskId taskId, Instant dueAt) {
        if (tasks.createTaskQuery().taskId(taskId.value()).count() > 0) {
            tasks.setDueDate(taskId.value(), Date.from(dueAt));
        }
    }

    public boolean isRunning(OrderId orderId) {
        return instance(orderId).isPresent();
    }

    /**
     * Every node the order has reached so far, oldest first, open ones included. The engine keeps a
     * history entry for skipped nodes too; those are not part of the order's timeline.
     */
    public List<NodeHistory> timeline(OrderId orderId) {
        // One statement on the engine's history instead of three engine queries (instance by business key,
        // its planned-nodes variable, its tasks): every order page and progress page reads it.
        record Row(String taskId, String nodeCode, String handler, Instant receivedAt, Instant signedForAt, Instant finishedAt,
                Instant dueAt, String plannedNodes) {
        }
        List<Row> rows = jdbc.sql("""
                select t.id_, t.task_def_key_, t.category_, t.assignee_, t.start_time_, t.claim_time_, t.end_time_, t.due_date_,
                    v.text_
                from act_hi_procinst p
                join act_hi_varinst v on v.proc_inst_id_ = p.id_ and v.name_ = :planned and v.task_id_ is null
                join act_hi_taskinst t on t.proc_inst_id_ = p.id_
                where p.business_key_ = :key
                order by t.start_time_, t.id_""")
                .param("planned", ProcessVariables.PLANNED_NODES).param("key", Long.toString(orderId.value()))
                .query((rs, n) -> new Row(rs.getString(1), NodeCodes.of(rs.getString(2), rs.getString(3)), rs.getString(4),
                        instant(rs.getTimestamp(5)), instant(rs.getTimestamp(6)), instant(rs.getTimestamp(7)),
                        instant(rs.getTimestamp(8)), rs.getString(9)))
                .list();
        if (rows.isEmpty()) {
            return List.of();
        }
        List<String> plannedNodes = ProcessVariables.plannedNodes(rows.get(0).plannedNodes());
        return rows.stream().filter(r -> plannedNodes.contains(r.nodeCode()))
                .map(r -> new NodeHistory(r.taskId(), r.nodeCode(), r.handler(), r.receivedAt(), r.signedForAt(), r.finishedAt(),
                        r.dueAt()))
                .toList();
    }

    Optional<ProcessInstance> instance(OrderId orderId) {
        return Optional.ofNullable(runtime.createProcessInstanceQuery().processInstanceBusinessKey(Long.toString(orderId.value()))
                .singleResult());
    }

    private static Instant instant(java.sql.Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
