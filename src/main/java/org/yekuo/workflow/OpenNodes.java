package org.yekuo.workflow;

import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import org.flowable.common.engine.api.FlowableException;
import org.flowable.common.engine.api.FlowableObjectNotFoundException;
import org.flowable.common.engine.api.FlowableOptimisticLockingException;
import org.flowable.common.engine.api.FlowableTaskAlreadyClaimedException;
import org.flowable.engine.HistoryService;
import org.flowable.engine.ManagementService;
import org.flowable.engine.TaskService;
import org.flowable.engine.impl.cmd.ClaimTaskCmd;
import org.flowable.engine.impl.util.CommandContextUtil;
import org.flowable.task.api.history.HistoricTaskInstance;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.function.SingletonSupplier;
import org.yekuo.identity.CurrentUser;
import org.yekuo.shared.DomainException;
import org.yekuo.workflow.WorkItems.OpenTask;
import org.yekuo.workflow.internal.ProcessVariables;

/**
 * Work on an order's open nodes: sign for one, complete it, hand it to a colleague, lend it and take it back. Every
 * change passes one gate ({@link #gate}): the node's work-list row, locked until commit so that two changes of one
 * node queue instead of racing the engine, and its order free to move (a locked order, see {@link OrderLocks}, takes
 * no change, R-SLA-4). Every call joins the caller's transaction.
 */
@Service
public class OpenNodes {

    private final TaskService tasks;
    private final HistoryService history;
    private final ManagementService management;
    private final WorkItems items;
    /** The lock owner, looked up once: resolving it from the bean factory on every task costs more than the check. */
    private final Supplier<OrderLocks> locks;
    private final Supplier<HandlerQualifications> qualifications;
    private final ObjectProvider<CompletionGate> gates;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    OpenNodes(TaskService tasks, HistoryService history, ManagementService management, WorkItems items, ObjectProvider<OrderLocks> locks,
            ObjectProvider<HandlerQualifications> qualifications, ObjectProvider<CompletionGate> gates, ApplicationEventPublisher events,
            Clock clock) {
        this.tasks = tasks;
        this.history = history;
        this.management = management;
        this.items = items;
        this.locks = SingletonSupplier.of(locks::getIfAvailable);
        this.qualifications = SingletonSupplier.of(qualifications::getIfAvailable);
        this.gates = gates;
        this.events = events;
        this.clock = clock;
    }

    /**
     * An open node as the work list has it; refuses a node that is no longer open, naming who completed it.
     * Task operations check against this row instead of asking the engine (the engine keeps the row in step
     * in its own transaction), so a check costs one indexed read.
     */
    public WorkItem openItem(TaskId taskId) {
        return items.open(taskId.value());
    }

    /**
     * An open node held for a completion in this transaction: its row stays locked until commit, so the node is read
     * once for every check of the completion and a second completion waits, then finds it gone. Only inside a
     * transaction; a node no longer open is refused, naming who completed it.
     */
    public LockedNode lock(TaskId taskId) {
        return new LockedNode(items.row(taskId.value(), true));
    }

    /** The receiving role signs for a node before working on it; signing twice is harmless. */
    @Transactional
    public WorkItem signFor(TaskId taskId, CurrentUser user) {
        return signFor(lock(taskId), user);
    }

    /**
     * As {@link #signFor(TaskId, CurrentUser)}, for a node held by {@link #lock} (whose order the caller has checked on the
     * locked row): the node's row is read once for the whole sign-for, and the answer is that row as the claim left it.
     */
    @Transactional
    public WorkItem signFor(LockedNode node, CurrentUser user) {
        // The row lock makes a second sign-for of the same node wait, then find it signed for by the first.
        OpenTask task = changeable(node.task);
        TaskId taskId = task.item().taskId();
        if (task.item().assignee() != null) {
            if (!task.item().assignee().equals(user.username())) {
                throw DomainException.conflict("workflow.task.signed-by-other", task.item().assignee());
            }
            return task.item().offeredTo(items.rolesOf(taskId.value()));
        }
        Set<String> roles = items.rolesOf(taskId.value());
        requireEntitled(task, roles, user);
        requireQualified(task, user);
        Instant signedForAt;
        try {
            signedForAt = claim(taskId.value(), user.username());
        } catch (FlowableTaskAlreadyClaimedException | FlowableOptimisticLockingException e) {
            // Someone signed for it a moment earlier: name them.
            throw DomainException.conflict("workflow.task.signed-by-other",
                    Optional.ofNullable(history.createHistoricTaskInstanceQuery().taskId(taskId.value()).singleResult())
                            .map(HistoricTaskInstance::getAssignee).orElse("-"));
        }
        events.publishEvent(new NodeSignedFor(task.item().orderId(), task.item().nodeCode(), taskId, user.username(),
                user.orgUnitId(), clock.instant()));
        WorkItem before = task.item();
        return new WorkItem(taskId, before.orderId(), before.nodeCode(), roles, user.username(), before.receivedAt(), signedForAt,
                before.dueAt());
    }

    /**
     * Claims the task for {@code username} as {@link TaskService#claim} does, and answers the claim time the engine gave it
     * (and the work list copied): read from the task the claim has just loaded, so the answer costs no statement.
     */
    private Instant claim(String taskId, String username) {
        Date claimed = management.executeCommand(context -> {
            new ClaimTaskCmd(taskId, username).execute(context);
            return CommandContextUtil.getTaskService(context).getTask(taskId).getClaimTime();
        });
        return claimed == null ? null : claimed.toInstant();
    }

    /** Refuses unless the node is open and signed for by {@code user}: nobody works on a node unreceived. */
    public void requireSignedFor(TaskId taskId, CurrentUser user) {
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
    public void complete(TaskId taskId, CurrentUser user, Map<String, Object> variables) {
        // One completion of a task at a time: the second waits on the work list's row until the first
        // commits, then finds the task gone and is told who completed it, instead of racing the engine
        // (which may notice the race only as "UserTask should not be signalled before complete").
        finish(gate(taskId.value(), user), user, variables);
    }

    /**
     * Completes a node whose outcome decides the way on: back to the node {@code returnTo} names when it
     * failed, on along the diagram when empty.
     */
    @Transactional
    public void completeDecided(TaskId taskId, CurrentUser user, Optional<String> returnTo) {
        complete(taskId, user, decided(returnTo));
    }

    /**
     * Completes a node held by {@link #lock}, whose signing-for by {@code user} the caller has checked on the locked row
     * ({@link LockedNode#item()}): the node is read once for the whole completion.
     */
    @Transactional
    public void complete(LockedNode node, CurrentUser user) {
        finish(changeable(node.task), user, Map.of());
    }

    /** As {@link #complete(LockedNode, CurrentUser)}, for a node whose outcome decides the way on (see {@link #completeDecided}). */
    @Transactional
    public void completeDecided(LockedNode node, CurrentUser user, Optional<String> returnTo) {
        finish(changeable(node.task), user, decided(returnTo));
    }

    /**
     * Completes an open node on another system's report (the project management system's "works completed"):
     * nobody signs for it, and it is refused nothing a member of staff's completion would not be, except that a
     * node handed to a delegate waits for them. False when the node cannot move now (locked order, delegated
     * node); the caller then leaves it to its handler.
     */
    @Transactional
    public boolean completeReported(TaskId taskId) {
        OpenTask task = items.row(taskId.value(), true);
        if (task.delegated() || locked(task.item().orderId())) {
            return false;
        }
        engineComplete(taskId.value(), Map.of(), null);
        return true;
    }

    /** Hands a signed-for review task to a colleague; the caller checks they belong to the same department. */
    @Transactional
    public void transfer(TaskId taskId, CurrentUser user, String toUsername) {
        requireNotDelegated(gate(taskId.value(), user));
        tasks.setAssignee(taskId.value(), toUsername);
    }

    /** Lends a signed-for task to someone who works on it and hands it back; the holder stays its owner. */
    @Transactional
    public void delegate(TaskId taskId, CurrentUser user, String toUsername) {
        requireNotDelegated(gate(taskId.value(), user));
        tasks.delegateTask(taskId.value(), toUsername);
    }

    /** A delegated task goes back to its owner, handed back by the delegate or taken back by the owner. */
    @Transactional
    public void resolve(TaskId taskId, CurrentUser user) {
        OpenTask task = gate(taskId.value(), null);
        if (!task.delegated()) {
            throw DomainException.conflict("workflow.task.not-delegated");
        }
        if (!user.username().equals(task.item().assignee()) && !user.username().equals(task.owner())) {
            throw DomainException.forbidden("workflow.task.signed-by-other", task.owner());
        }
        tasks.resolveTask(taskId.value());
    }

    /** Who lent the task to its current holder, while it is delegated. */
    public Optional<String> delegatedBy(TaskId taskId) {
        OpenTask task = items.row(taskId.value(), false);
        return task.delegated() ? Optional.ofNullable(task.owner()) : Optional.empty();
    }

    /** A locked order moves no further (R-SLA-4); a node of a process for no order (null) has no order to lock. */
    void requireUnlocked(OrderId orderId) {
        if (locked(orderId)) {
            throw DomainException.conflict("workflow.order.locked");
        }
    }

    /**
     * The one gate of every state-changing task operation: the node's row, locked until commit (a closed node is
     * refused), signed for by {@code signedBy} when one is named, and its order free to move. A rule that stops an
     * order from moving (such as a lock) belongs here, so that no operation can go around it.
     */
    private OpenTask gate(String taskId, CurrentUser signedBy) {
        OpenTask task = items.row(taskId, true);
        if (signedBy != null) {
            requireSignedFor(task.item(), signedBy);
        }
        return changeable(task);
    }

    private OpenTask changeable(OpenTask task) {
        requireUnlocked(task.item().orderId());
        return task;
    }

    private boolean locked(OrderId orderId) {
        OrderLocks port = locks.get();
        return port != null && orderId != null && port.isLocked(orderId.value());
    }

    private void finish(OpenTask task, CurrentUser user, Map<String, Object> variables) {
        // A node of a process for no order has no order whose rules could hold it.
        if (task.item().orderId() != null) {
            gates.orderedStream().forEach(gate -> gate.requireClear(task.item().orderId().value(), user));
        }
        engineComplete(task.item().taskId().value(), variables, user);
    }

    private void engineComplete(String taskId, Map<String, Object> variables, CurrentUser user) {
        try {
            tasks.complete(taskId, variables);
        } catch (FlowableObjectNotFoundException e) {
            throw items.alreadyCompleted(taskId);
        } catch (FlowableOptimisticLockingException e) {
            // Another transaction changed this process (a sibling countersign) or this task (a moved due
            // date) at the same moment; a second completion of this very task cannot get here, it waits on
            // the row above and finds the task gone. Nothing is wrong with the work: it only has to be
            // redone. Do not ask the history who completed the task: this transaction has already written
            // the task's end there itself before the engine noticed the lost update, so it would name the
            // caller as having completed a task whose completion is about to be rolled back.
            throw new ConcurrentCompletion();
        } catch (FlowableException e) {
            if (user != null && e.getMessage() != null && e.getMessage().contains("signalled before complete")) {
                throw DomainException.conflict("workflow.task.already-completed", user.username());
            }
            throw e;
        }
    }

    private static Map<String, Object> decided(Optional<String> returnTo) {
        return Map.of(ProcessVariables.RETURN_TO, returnTo.orElse(""));
    }

    private static void requireNotDelegated(OpenTask task) {
        if (task.delegated()) {
            throw DomainException.conflict("workflow.task.delegated", task.item().assignee());
        }
    }

    /** Only a holder of one of the node's roles ({@code roles}) whose scope covers the order may sign for it. */
    private static void requireEntitled(OpenTask task, Set<String> roles, CurrentUser user) {
        boolean hasRole = roles.stream()
                .anyMatch(role -> user.roles().stream().anyMatch(r -> r.name().equals(role)));
        if (!hasRole || !user.scope().includes(task.orgPath())) {
            throw DomainException.forbidden("workflow.task.not-yours");
        }
    }

    /** Only the certified sign for a node of their order's business type alone (R-STD-2). */
    private void requireQualified(OpenTask task, CurrentUser user) {
        HandlerQualifications port = qualifications.get();
        if (port == null) {
            return;
        }
        items.processVariable(task.item().taskId().value(), ProcessVariables.TYPE_CODE).ifPresent(typeCode ->
                port.requireQualified(task.item().orderId().value(), task.item().taskId().value(), task.item().nodeCode(), typeCode,
                        user));
    }

    /** An open node whose work-list row this transaction holds locked (see {@link #lock}). */
    public static final class LockedNode {

        private final OpenTask task;

        private LockedNode(OpenTask task) {
            this.task = task;
        }

        /** The node as its locked row has it (without the roles it is offered to). */
        public WorkItem item() {
            return task.item();
        }
    }
}
