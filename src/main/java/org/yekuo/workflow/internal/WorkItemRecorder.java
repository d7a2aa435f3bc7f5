package org.yekuo.workflow.internal;

import java.sql.Timestamp;
import java.util.Collection;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.flowable.common.engine.api.delegate.event.FlowableEngineEntityEvent;
import org.flowable.common.engine.api.delegate.event.FlowableEngineEvent;
import org.flowable.common.engine.api.delegate.event.FlowableEngineEventType;
import org.flowable.common.engine.api.delegate.event.FlowableEvent;
import org.flowable.common.engine.api.delegate.event.FlowableEventListener;
import org.flowable.common.engine.api.delegate.event.FlowableEventType;
import org.flowable.common.engine.impl.context.Context;
import org.flowable.common.engine.impl.interceptor.CommandContext;
import org.flowable.engine.RuntimeService;
import org.flowable.engine.TaskService;
import org.flowable.identitylink.api.IdentityLink;
import org.flowable.identitylink.api.IdentityLinkType;
import org.flowable.task.api.DelegationState;
import org.flowable.task.api.Task;
import org.flowable.task.service.impl.persistence.entity.TaskEntity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.yekuo.workflow.NodeCodes;

/**
 * Keeps the work list ({@code work_item}, {@code work_item_role}) in step with the engine's open user
 * tasks (who may take each and who holds it; the due date stays the task's own, see {@code WorkItems}): the
 * one global engine event listener, so it runs inside the engine's transaction and a row exists exactly
 * while its task does, whatever ended the task (completion, cancellation, a withdrawal by
 * change of state, a countersign that finished). At start-up it reconciles the table with
 * {@code ACT_RU_TASK}, which copies in tasks that were open before the table existed.
 */
@Component
public class WorkItemRecorder implements FlowableEventListener {

    private static final Logger LOG = LoggerFactory.getLogger(WorkItemRecorder.class);

    private static final Set<FlowableEngineEventType> TYPES = Set.of(FlowableEngineEventType.TASK_CREATED,
            FlowableEngineEventType.TASK_COMPLETED, FlowableEngineEventType.ENTITY_CREATED,
            FlowableEngineEventType.ENTITY_UPDATED, FlowableEngineEventType.ENTITY_DELETED, FlowableEngineEventType.PROCESS_COMPLETED,
            FlowableEngineEventType.PROCESS_CANCELLED);

    private static final String ARRIVING = WorkItemRecorder.class.getName() + ".arriving";
    private static final String ENDING = WorkItemRecorder.class.getName() + ".ending";

    private final JdbcClient jdbc;

    WorkItemRecorder(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void onEvent(FlowableEvent event) {
        if (!(event.getType() instanceof FlowableEngineEventType type)) {
            return;
        }
        Object entity = event instanceof FlowableEngineEntityEvent e ? e.getEntity() : null;
        switch (type) {
            case TASK_CREATED -> {
                if (entity instanceof TaskEntity task) {
                    arriving().remove(task.getId());
                    created(task);
                }
            }
            // A completed task's candidate groups are deleted as links just before the task itself, whose row takes
            // its roles with it (on delete cascade): deleting each role first would be one more write per node.
            case TASK_COMPLETED -> {
                if (entity instanceof Task task) {
                    ending().add(task.getId());
                }
            }
            // Every change of a task (sign-for, transfer, delegation, hand-back) is an update of its
            // entity, and every end of one (completion included) a deletion: one event each is enough.
            case ENTITY_UPDATED -> {
                if (entity instanceof Task task) {
                    refresh(task);
                }
            }
            case ENTITY_DELETED -> {
                if (entity instanceof Task task) {
                    delete(task.getId());
                } else if (entity instanceof IdentityLink link && candidateGroupOfTask(link) && !ending().contains(link.getTaskId())) {
                    jdbc.sql("delete from work_item_role where task_id = :task and role = :role")
                            .param("task", link.getTaskId()).param("role", link.getGroupId()).update();
                }
            }
            case ENTITY_CREATED -> {
                // A new task's candidate groups arrive as links between its insert and TASK_CREATED, which
                // records them all with the task; a group added to a task that is already open arrives alone.
                if (entity instanceof Task task) {
                    arriving().add(task.getId());
                } else if (entity instanceof IdentityLink link && candidateGroupOfTask(link) && !arriving().contains(link.getTaskId())) {
                    addRole(link.getTaskId(), link.getGroupId());
                }
            }
            case PROCESS_COMPLETED, PROCESS_CANCELLED -> {
                String processInstanceId = ((FlowableEngineEvent) event).getProcessInstanceId();
                if (processInstanceId != null) {
                    // the roles go with their rows (on delete cascade)
                    jdbc.sql("delete from work_item where process_instance_id = :p").param("p", processInstanceId).update();
                }
            }
            default -> {
            }
        }
    }

    /** Tasks inserted in the running engine command whose TASK_CREATED has not come yet. */
    private static Set<String> arriving() {
        return tasksOfCommand(ARRIVING);
    }

    /** Tasks completed in the running engine command, whose rows are about to be deleted with their roles. */
    private static Set<String> ending() {
        return tasksOfCommand(ENDING);
    }

    @SuppressWarnings("unchecked")
    private static Set<String> tasksOfCommand(String attribute) {
        CommandContext command = Context.getCommandContext();
        if (command == null) {
            return new HashSet<>();
        }
        Object tasks = command.getAttribute(attribute);
        if (tasks == null) {
            tasks = new HashSet<String>();
            command.addAttribute(attribute, tasks);
        }
        return (Set<String>) tasks;
    }

    private static boolean candidateGroupOfTask(IdentityLink link) {
        return link.getTaskId() != null && link.getGroupId() != null && IdentityLinkType.CANDIDATE.equals(link.getType());
    }

    private void created(TaskEntity task) {
        Set<String> roles = new LinkedHashSet<>();
        for (IdentityLink link : task.getCandidates()) {
            if (link.getGroupId() != null) {
                roles.add(link.getGroupId());
            }
        }
        Object orderId = task.getVariable(ProcessVariables.ORDER_ID);
        Object orgPath = task.getVariable(ProcessVariables.ORG_PATH);
        insert(task, roles, orderId instanceof Number n ? n.longValue() : -1L, orgPath == null ? "" : orgPath.toString());
    }

    private void insert(Task task, Collection<String> roles, long orderId, String orgPath) {
        jdbc.sql("""
                insert into work_item (task_id, process_instance_id, order_id, node_code, org_path, assignee, owner,
                    delegated, created_at, claimed_at)
                values (:task, :process, :order, :node, :orgPath, :assignee, :owner, :delegated, :created, :claimed)
                """)
                .param("task", task.getId()).param("process", task.getProcessInstanceId()).param("order", orderId)
                .param("node", NodeCodes.of(task.getTaskDefinitionKey(), task.getCategory())).param("orgPath", orgPath)
                .param("assignee", task.getAssignee()).param("owner", task.getOwner())
                .param("delegated", task.getDelegationState() == DelegationState.PENDING)
                .param("created", timestamp(task.getCreateTime())).param("claimed", timestamp(task.getClaimTime())).update();
        roles.forEach(role -> addRole(task.getId(), role));
    }

    private void addRole(String taskId, String role) {
        jdbc.sql("""
                insert into work_item_role (task_id, role, created_at)
                select w.task_id, :role, w.created_at from work_item w
                where w.task_id = :task and not exists (select 1 from work_item_role r where r.task_id = :task and r.role = :role)
                """).param("task", taskId).param("role", role).update();
    }

    private void refresh(Task task) {
        jdbc.sql("""
                update work_item set assignee = :assignee, owner = :owner, delegated = :delegated, claimed_at = :claimed
                where task_id = :task
                """)
                .param("assignee", task.getAssignee()).param("owner", task.getOwner())
                .param("delegated", task.getDelegationState() == DelegationState.PENDING)
                .param("claimed", timestamp(task.getClaimTime())).param("task", task.getId()).update();
    }

    private void delete(String taskId) {
        // the roles go with the row (on delete cascade)
        jdbc.sql("delete from work_item where task_id = :task").param("task", taskId).update();
    }

    private static Timestamp timestamp(Date date) {
        return date == null ? null : new Timestamp(date.getTime());
    }

    /**
     * Brings the work list in line with the engine's open tasks: tasks open before the table existed (an
     * upgraded database) are copied in, rows of tasks that no longer exist are dropped. Cheap when nothing
     * is missing (two anti-joins).
     */
    @EventListener(ApplicationReadyEvent.class)
    void reconcile(ApplicationReadyEvent ready) {
        TaskService tasks = ready.getApplicationContext().getBean(TaskService.class);
        RuntimeService runtime = ready.getApplicationContext().getBean(RuntimeService.class);
        TransactionTemplate tx = ready.getApplicationContext().getBean(TransactionTemplate.class);
        tx.executeWithoutResult(status -> {
            int dropped = jdbc.sql("delete from work_item where task_id not in (select id_ from act_ru_task)").update();
            List<String> missing = jdbc.sql("""
                    select t.id_ from act_ru_task t
                    where t.proc_inst_id_ is not null and not exists (select 1 from work_item w where w.task_id = t.id_)
                    """).query(String.class).list();
            for (String id : missing) {
                Task task = tasks.createTaskQuery().taskId(id).includeIdentityLinks().singleResult();
                if (task == null) {
                    continue;
                }
                Set<String> roles = new LinkedHashSet<>();
                task.getIdentityLinks().stream().filter(l -> l.getGroupId() != null && IdentityLinkType.CANDIDATE.equals(l.getType()))
                        .forEach(l -> roles.add(l.getGroupId()));
                Object orderId = runtime.getVariable(task.getExecutionId(), ProcessVariables.ORDER_ID);
                Object orgPath = runtime.getVariable(task.getExecutionId(), ProcessVariables.ORG_PATH);
                insert(task, roles, orderId instanceof Number n ? n.longValue() : -1L, orgPath == null ? "" : orgPath.toString());
            }
            if (dropped > 0 || !missing.isEmpty()) {
                LOG.info("Work list reconciled with the engine: {} open tasks copied in, {} stale rows dropped", missing.size(), dropped);
            }
        });
    }

    @Override
    public boolean isFailOnException() {
        // a work list out of step with the engine must not commit
        return true;
    }

    @Override
    public boolean isFireOnTransactionLifecycleEvent() {
        return false;
    }

    @Override
    public String getOnTransaction() {
        return null;
    }

    @Override
    public Collection<? extends FlowableEventType> getTypes() {
        return TYPES;
    }
}
