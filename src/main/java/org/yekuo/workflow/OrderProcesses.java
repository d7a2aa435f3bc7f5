package org.yekuo.workflow;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.flowable.common.engine.api.FlowableException;
import org.flowable.common.engine.api.FlowableObjectNotFoundException;
import org.flowable.common.engine.api.FlowableOptimisticLockingException;
import org.flowable.common.engine.api.FlowableTaskAlreadyClaimedException;
import org.flowable.engine.HistoryService;
import org.flowable.engine.RuntimeService;
import org.flowable.engine.TaskService;
import org.flowable.engine.runtime.ProcessInstance;
import org.flowable.task.api.Task;
import org.flowable.task.api.history.HistoricTaskInstance;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.function.SingletonSupplier;
import org.yekuo.identity.CurrentUser;
import org.yekuo.identity.Role;
import org.yekuo.shared.DomainException;
import org.yekuo.workflow.internal.ProcessVariables;

/**
 * Runs orders' processes: start with the business type's planned nodes, show and sign for
 * open nodes, complete them, cancel. Every call joins the caller's transaction, so the engine's
 * state commits together with Yekuo's own. The process's business key is the order id. A locked
 * order (see {@link OrderLocks}) takes no sign-for and no completion.
 */
@Service
public class OrderProcesses {

    private static final String REVIEW_STEP = "departmentReview";
    /** The variable that carries each parallel review task's reviewer role (see the BPMN). */
    private static final String REVIEWER_ROLE = "reviewerRole";

    private final RuntimeService runtime;
    private final TaskService tasks;
    private final HistoryService history;
    /** The lock owner, looked up once: resolving it from the bean factory on every task costs more than the check. */
    private final Supplier<OrderLocks> locks;
    private final Supplier<HandlerQualifications> qualifications;
    private final ObjectProvider<CompletionGate> gates;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final JdbcClient jdbc;

    OrderProcesses(RuntimeService runtime, TaskService tasks, HistoryService history, ObjectProvider<OrderLocks> locks,
            ObjectProvider<HandlerQualifications> qualifications, ObjectProvider<CompletionGate> gates, ApplicationEventPublisher events,
            Clock clock, JdbcClient jdbc) {
        this.gates = gates;
        this.jdbc = jdbc;
        this.runtime = runtime;
        this.tasks = tasks;
        this.history = history;
        this.locks = SingletonSupplier.of(locks::getIfAvailable);
        this.qualifications = SingletonSupplier.of(qualifications::getIfAvailable);
        this.events = events;
        this.clock = clock;
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
    public void cancel(long orderId, String reason) {
        instance(orderId).ifPresent(instance -> {
            runtime.deleteProcessInstance(instance.getId(), reason);
            events.publishEvent(new ProcessCancelled(orderId, reason, clock.instant()));
        });
    }

    /** Moves an open node's due date (a deadline moved by a pause or a leader's approval); a closed node keeps its own. */
    @Transactional
    public void changeDueDate(String taskId, Instant dueAt) {
        if (tasks.createTaskQuery().taskId(taskId).count() > 0) {
            tasks.setDueDate(taskId, Date.from(dueAt));
        }
    }

    public boolean isRunning(long orderId) {
        return instance(orderId).isPresent();
    }

    /** The order's open nodes, oldest first. */
    public List<WorkItem> openItems(long orderId) {
        return openItems(List.of(orderId)).getOrDefault(orderId, List.of());
    }

    /** The open nodes of several orders at once (a page of orders), oldest first per order; one read. */
    public Map<Long, List<WorkItem>> openItems(Collection<Long> orderIds) {
        if (orderIds.isEmpty()) {
            return Map.of();
        }
        List<WorkItem> items = workItems("w.order_id in (:orders)", Map.of("orders", List.copyOf(new LinkedHashSet<>(orderIds))),
                Integer.MAX_VALUE);
        Map<Long, List<WorkItem>> byOrder = new LinkedHashMap<>();
        items.forEach(item -> byOrder.computeIfAbsent(item.orderId(), id -> new ArrayList<>()).add(item));
        return byOrder;
    }

    // The two branches of a member of staff's work, in their org scope; WorkList counts them by the same rule.
    static final String SIGNED_FOR_BY_ME = "from work_item w where w.assignee = :me and w.org_path like :scope";
    static final String WAITING = "w.assignee is null and w.org_path like :scope";
    static final String OFFERED_TO_MY_ROLES = "r.task_id = w.task_id and r.role in (:roles)";
    static final String WAITING_FOR_MY_ROLES = "from work_item_role r join work_item w on " + OFFERED_TO_MY_ROLES + " where " + WAITING;

    /** The parameters of the two branches; {@code roles} only when the user holds any. */
    static Map<String, Object> myWorkParams(CurrentUser user) {
        Map<String, Object> params = new HashMap<>();
        params.put("me", user.username());
        params.put("scope", user.scope().likePattern());
        List<String> roles = user.roles().stream().map(Role::name).toList();
        if (!roles.isEmpty()) {
            params.put("roles", roles);
        }
        return params;
    }

    /**
     * What a member of staff may work on, oldest first: nodes signed for by them, and nodes nobody has
     * signed for waiting for one of their roles, on orders in their org scope. Read from the work list
     * (see {@code work_item}), which the engine keeps in step in its own transaction.
     */
    public List<WorkItem> openFor(CurrentUser user, int max) {
        Map<String, Object> params = myWorkParams(user);
        params.put("max", max);
        // Each branch is served by its own index ((assignee, created_at) and (role, created_at)) and cut to
        // the page before the two are merged.
        String mine = "select w.task_id, w.created_at " + SIGNED_FOR_BY_ME + " order by w.created_at, w.task_id limit :max";
        String sql = mine;
        if (params.containsKey("roles")) {
            sql = "select task_id, created_at from (" + mine + ") m union select task_id, created_at from ("
                    + "select w.task_id, w.created_at " + WAITING_FOR_MY_ROLES + " order by r.created_at, w.task_id limit :max) c";
        }
        List<String> ids = jdbc.sql("select task_id from (" + sql + ") x order by created_at, task_id limit :max")
                .params(params).query(String.class).list();
        if (ids.isEmpty()) {
            return List.of();
        }
        return workItems("w.task_id in (:ids)", Map.of("ids", ids), max);
    }

    /** A node of the user's work as {@link #openFor(CurrentUser, int)} would list it; empty if it is not theirs. */
    public Optional<WorkItem> openFor(CurrentUser user, String taskId) {
        Map<String, Object> params = myWorkParams(user);
        params.put("task", taskId);
        String sql = "select w.task_id " + SIGNED_FOR_BY_ME + " and w.task_id = :task";
        if (params.containsKey("roles")) {
            sql += " union select w.task_id " + WAITING_FOR_MY_ROLES + " and w.task_id = :task";
        }
        return jdbc.sql(sql).params(params).query(String.class).optional().map(this::openItem);
    }

    private List<WorkItem> workItems(String condition, Map<String, ?> params, int max) {
        record Row(String taskId, long orderId, String nodeCode, String assignee, Instant createdAt, Instant claimedAt,
                Instant dueAt) {
        }
        List<Row> rows = jdbc.sql("select w.task_id, w.order_id, w.node_code, w.assignee, w.created_at, w.claimed_at, w.due_at"
                + " from work_item w where " + condition + " order by w.created_at, w.task_id")
                .params(params)
                .query((rs, n) -> new Row(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4), instant(rs.getTimestamp(5)),
                        instant(rs.getTimestamp(6)), instant(rs.getTimestamp(7))))
                .list();
        if (rows.size() > max) {
            rows = rows.subList(0, max);
        }
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<String, Set<String>> roles = new HashMap<>();
        jdbc.sql("select task_id, role from work_item_role where task_id in (:ids) order by role")
                .param("ids", rows.stream().map(Row::taskId).toList())
                .query(rs -> {
                    roles.computeIfAbsent(rs.getString(1), id -> new LinkedHashSet<>()).add(rs.getString(2));
                });
        return rows.stream().map(r -> new WorkItem(r.taskId(), r.orderId(), r.nodeCode(),
                Set.copyOf(roles.getOrDefault(r.taskId(), Set.of())), r.assignee(), r.createdAt(), r.claimedAt(), r.dueAt()))
                .toList();
    }

    /**
     * An open node as the work list has it; refuses a node that is no longer open, naming who completed it.
     * Task operations check against this row instead of asking the engine (the engine keeps the row in step
     * in its own transaction), so a check costs one indexed read.
     */
    public WorkItem openItem(String taskId) {
        record Line(WorkItem item, String role) {
        }
        List<Line> lines = jdbc.sql("select w.task_id, w.order_id, w.node_code, w.assignee, w.created_at, w.claimed_at, w.due_at, r.role"
                        + " from work_item w left join work_item_role r on r.task_id = w.task_id where w.task_id = :task")
                .param("task", taskId)
                .query((rs, n) -> new Line(new WorkItem(rs.getString(1), rs.getLong(2), rs.getString(3), Set.of(), rs.getString(4),
                        instant(rs.getTimestamp(5)), instant(rs.getTimestamp(6)), instant(rs.getTimestamp(7))), rs.getString(8)))
                .list();
        if (lines.isEmpty()) {
            throw alreadyCompleted(taskId);
        }
        WorkItem item = lines.get(0).item();
        return new WorkItem(item.taskId(), item.orderId(), item.nodeCode(),
                lines.stream().map(Line::role).filter(Objects::nonNull).collect(Collectors.toUnmodifiableSet()),
                item.assignee(), item.receivedAt(), item.signedForAt(), item.dueAt());
    }

    /** The receiving role signs for a node before working on it; signing twice is harmless. */
    @Transactional
    public WorkItem signFor(String taskId, CurrentUser user) {
        // The row lock makes a second sign-for of the same node wait, then find it signed for by the first.
        OpenTask task = changeable(row(taskId, true));
        if (task.item().assignee() != null) {
            if (!task.item().assignee().equals(user.username())) {
                throw DomainException.conflict("workflow.task.signed-by-other", task.item().assignee());
            }
            return openItem(taskId);
        }
        requireEntitled(task, user);
        requireQualified(task, user);
        try {
            tasks.claim(taskId, user.username());
        } catch (FlowableTaskAlreadyClaimedException | FlowableOptimisticLockingException e) {
            // Someone signed for it a moment earlier: name them.
            throw DomainException.conflict("workflow.task.signed-by-other",
                    Optional.ofNullable(history.createHistoricTaskInstanceQuery().taskId(taskId).singleResult())
                            .map(HistoricTaskInstance::getAssignee).orElse("-"));
        }
        events.publishEvent(new NodeSignedFor(task.item().orderId(), task.item().nodeCode(), taskId, user.username(),
                user.orgUnitId(), clock.instant()));
        return openItem(taskId);
    }

    /** Refuses unless the node is open and signed for by {@code user}: nobody works on a node unreceived. */
    public void requireSignedFor(String taskId, CurrentUser user) {
        requireSignedFor(openItem(taskId), user);
    }

    /** Refuses unless {@code item} is signed for by {@code user}. */
    public static void requireSignedFor(WorkItem item, CurrentUser user) {
        if (item.assignee() == null) {
            throw DomainException.conflict("workflow.task.sign-first");
        }
        if (!item.assignee().equals(user.username())) {
            throw DomainException.forbidden("workflow.task.signed-by-other", item.assignee());
        }
    }

    /** Completes a node the user has signed for; {@code variables} go to the process. */
    @Transactional
    public void complete(String taskId, CurrentUser user, Map<String, Object> variables) {
        // One completion of a task at a time: the second waits on the work list's row until the first
        // commits, then finds the task gone and is told who completed it, instead of racing the engine
        // (which may notice the race only as "UserTask should not be signalled before complete").
        OpenTask task = row(taskId, true);
        requireSignedFor(task.item(), user);
        changeable(task);
        gates.orderedStream().forEach(gate -> gate.requireClear(task.item().orderId(), user));
        try {
            tasks.complete(taskId, variables);
        } catch (FlowableObjectNotFoundException e) {
            throw alreadyCompleted(taskId);
        } catch (FlowableOptimisticLockingException e) {
            // Another transaction changed this process (a sibling countersign) or this task (a moved due
            // date) at the same moment; a second completion of this very task cannot get here, it waits on
            // the row above and finds the task gone. Nothing is wrong with the work: it only has to be
            // redone. Do not ask the history who completed the task: this transaction has already written
            // the task's end there itself before the engine noticed the lost update, so it would name the
            // caller as having completed a task whose completion is about to be rolled back.
            throw new ConcurrentCompletion();
        } catch (FlowableException e) {
            if (e.getMessage() != null && e.getMessage().contains("signalled before complete")) {
                throw DomainException.conflict("workflow.task.already-completed", user.username());
            }
            throw e;
        }
    }

    /**
     * Completes an open node on another system's report (the project management system's "works completed"):
     * nobody signs for it, and it is refused nothing a member of staff's completion would not be, except that a
     * node handed to a delegate waits for them. False when the node cannot move now (locked order, delegated
     * node); the caller then leaves it to its handler.
     */
    @Transactional
    public boolean completeReported(String taskId) {
        OpenTask task = row(taskId, true);
        OrderLocks port = locks.get();
        if (task.delegated() || (port != null && port.isLocked(task.item().orderId()))) {
            return false;
        }
        try {
            tasks.complete(taskId, Map.of());
        } catch (FlowableObjectNotFoundException e) {
            throw alreadyCompleted(taskId);
        } catch (FlowableOptimisticLockingException e) {
            throw new ConcurrentCompletion();
        }
        return true;
    }

    /**
     * Completes a node whose outcome decides the way on: back to the node {@code returnTo} names when it
     * failed, on along the diagram when empty.
     */
    @Transactional
    public void completeDecided(String taskId, CurrentUser user, Optional<String> returnTo) {
        complete(taskId, user, Map.of(ProcessVariables.RETURN_TO, returnTo.orElse("")));
    }

    /** Hands a signed-for review task to a colleague; the caller checks they belong to the same department. */
    @Transactional
    public void transfer(String taskId, CurrentUser user, String toUsername) {
        OpenTask task = row(taskId, true);
        requireSignedFor(task.item(), user);
        requireNotDelegated(changeable(task));
        tasks.setAssignee(taskId, toUsername);
    }

    /** Lends a signed-for task to someone who works on it and hands it back; the holder stays its owner. */
    @Transactional
    public void delegate(String taskId, CurrentUser user, String toUsername) {
        OpenTask task = row(taskId, true);
        requireSignedFor(task.item(), user);
        requireNotDelegated(changeable(task));
        tasks.delegateTask(taskId, toUsername);
    }

    /** A delegated task goes back to its owner, handed back by the delegate or taken back by the owner. */
    @Transactional
    public void resolve(String taskId, CurrentUser user) {
        OpenTask task = changeable(row(taskId, true));
        if (!task.delegated()) {
            throw DomainException.conflict("workflow.task.not-delegated");
        }
        if (!user.username().equals(task.item().assignee()) && !user.username().equals(task.owner())) {
            throw DomainException.forbidden("workflow.task.signed-by-other", task.owner());
        }
        tasks.resolveTask(taskId);
    }

    /** Who lent the task to its current holder, while it is delegated. */
    public Optional<String> delegatedBy(String taskId) {
        OpenTask task = row(taskId, false);
        return task.delegated() ? Optional.ofNullable(task.owner()) : Optional.empty();
    }

    /**
     * Adds a co-signer to an order's running countersign: one more parallel review task for the
     * reviewer role, signed for by {@code username} at once. Answers the new task's id.
     */
    @Transactional
    public String addCoSigner(long orderId, String role, String username) {
        ProcessInstance instance = instance(orderId).orElseThrow(() -> DomainException.conflict("workflow.review.not-running"));
        if (tasks.createTaskQuery().processInstanceId(instance.getId()).taskDefinitionKey(REVIEW_STEP).count() == 0) {
            throw DomainException.conflict("workflow.review.not-running");
        }
        requireUnlocked(orderId);
        var execution = runtime.addMultiInstanceExecution(REVIEW_STEP, instance.getId(), Map.of(REVIEWER_ROLE, role));
        Task added = tasks.createTaskQuery().executionId(execution.getId()).singleResult();
        tasks.claim(added.getId(), username);
        return added.getId();
    }

    /**
     * Takes a submitted scheme back from its countersign to the designer: the review tasks end and
     * the scheme design node opens again. The caller checks that no reviewer has opened it yet.
     */
    @Transactional
    public void withdrawReview(long orderId) {
        ProcessInstance instance = instance(orderId).orElseThrow(() -> DomainException.conflict("workflow.review.not-running"));
        if (tasks.createTaskQuery().processInstanceId(instance.getId()).taskDefinitionKey(REVIEW_STEP).count() == 0) {
            throw DomainException.conflict("workflow.review.not-running");
        }
        requireUnlocked(orderId);
        runtime.createChangeActivityStateBuilder().processInstanceId(instance.getId())
                .moveActivityIdTo(REVIEW_STEP, NodeCodes.elementId("SCHEME_DESIGN")).changeState();
    }

    /**
     * The one gate of every state-changing task operation: the task must be open (it has a row) and its
     * order free to move. A rule that stops an order from moving (such as a lock) belongs here, so that
     * no operation can go around it.
     */
    private OpenTask changeable(OpenTask task) {
        requireUnlocked(task.item().orderId());
        return task;
    }

    /** A locked order moves no further (R-SLA-4). */
    private void requireUnlocked(long orderId) {
        OrderLocks port = locks.get();
        if (port != null && port.isLocked(orderId)) {
            throw DomainException.conflict("workflow.order.locked");
        }
    }

    private static void requireNotDelegated(OpenTask task) {
        if (task.delegated()) {
            throw DomainException.conflict("workflow.task.delegated", task.item().assignee());
        }
    }

    /** The order of a task, for callers that receive only a task id. */
    public long orderOf(String taskId) {
        return row(taskId, false).item().orderId();
    }

    /**
     * Every node the order has reached so far, oldest first, open ones included. The engine keeps a
     * history entry for skipped nodes too; those are not part of the order's timeline.
     */
    public List<NodeHistory> timeline(long orderId) {
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
                .param("planned", ProcessVariables.PLANNED_NODES).param("key", Long.toString(orderId))
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

    /** Only a holder of one of the node's roles whose scope covers the order may sign for it. */
    private void requireEntitled(OpenTask task, CurrentUser user) {
        boolean hasRole = rolesOf(task.item().taskId()).stream().anyMatch(role -> user.roles().stream().anyMatch(r -> r.name().equals(role)));
        if (!hasRole || !user.scope().includes(task.orgPath())) {
            throw DomainException.forbidden("workflow.task.not-yours");
        }
    }

    /** Only the certified sign for a node of their order's business type alone (R-STD-2). */
    private void requireQualified(OpenTask task, CurrentUser user) {
        HandlerQualifications port = qualifications.get();
        Object typeCode = port == null ? null : tasks.getVariable(task.item().taskId(), ProcessVariables.TYPE_CODE);
        if (typeCode != null) {
            port.requireQualified(task.item().orderId(), task.item().taskId(), task.item().nodeCode(), typeCode.toString(), user);
        }
    }

    /** An open task's row of the work list (its item without roles) with what the checks need besides. */
    private record OpenTask(WorkItem item, String orgPath, String owner, boolean delegated) {
    }

    /** The work list's row of an open task, locked until commit when {@code lock}; a closed task is refused. */
    private OpenTask row(String taskId, boolean lock) {
        return jdbc.sql("select w.task_id, w.order_id, w.node_code, w.assignee, w.created_at, w.claimed_at, w.due_at,"
                        + " w.org_path, w.owner, w.delegated from work_item w where w.task_id = :task" + (lock ? " for update" : ""))
                .param("task", taskId)
                .query((rs, n) -> new OpenTask(new WorkItem(rs.getString(1), rs.getLong(2), rs.getString(3), Set.of(),
                        rs.getString(4), instant(rs.getTimestamp(5)), instant(rs.getTimestamp(6)), instant(rs.getTimestamp(7))),
                        rs.getString(8), rs.getString(9), rs.getBoolean(10)))
                .optional().orElseThrow(() -> alreadyCompleted(taskId));
    }

    private Set<String> rolesOf(String taskId) {
        return Set.copyOf(jdbc.sql("select role from work_item_role where task_id = :task").param("task", taskId)
                .query(String.class).list());
    }

    private DomainException alreadyCompleted(String taskId) {
        HistoricTaskInstance done = history.createHistoricTaskInstanceQuery().taskId(taskId).singleResult();
        if (done == null) {
            return DomainException.notFound("workflow.task.not-found", taskId);
        }
        return DomainException.conflict("workflow.task.already-completed", done.getAssignee() == null ? "-" : done.getAssignee());
    }

    private Optional<ProcessInstance> instance(long orderId) {
        return Optional.ofNullable(runtime.createProcessInstanceQuery().processInstanceBusinessKey(Long.toString(orderId))
                .singleResult());
    }

    private static Instant instant(java.sql.Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }
}
