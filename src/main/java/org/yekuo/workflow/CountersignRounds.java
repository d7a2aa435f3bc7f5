package org.yekuo.workflow;

import java.util.Map;

import org.flowable.engine.RuntimeService;
import org.flowable.engine.TaskService;
import org.flowable.engine.runtime.ProcessInstance;
import org.flowable.task.api.Task;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.yekuo.shared.DomainException;

/**
 * The engine's side of a scheme's countersign (the parallel department review, ADR 4): a co-signer added to the
 * running round, a submitted scheme taken back to its designer. Only the review desk uses them; they stay here because
 * only this module drives the engine.
 */
@Service
public class CountersignRounds {

    private static final String REVIEW_STEP = "departmentReview";
    /** The variable that carries each parallel review task's reviewer role (see the BPMN). */
    private static final String REVIEWER_ROLE = "reviewerRole";

    private final RuntimeService runtime;
    private final TaskService tasks;
    private final OrderProcesses processes;
    private final OpenNodes nodes;

    CountersignRounds(RuntimeService runtime, TaskService tasks, OrderProcesses processes, OpenNodes nodes) {
        this.runtime = runtime;
        this.tasks = tasks;
        this.processes = processes;
        this.nodes = nodes;
    }

    /**
     * Adds a co-signer to an order's running countersign: one more parallel review task for the
     * reviewer role, signed for by {@code username} at once. Answers the new task's id.
     */
    @Transactional
    public TaskId addCoSigner(OrderId orderId, String role, String username) {
        ProcessInstance instance = running(orderId);
        nodes.requireUnlocked(orderId);
        var execution = runtime.addMultiInstanceExecution(REVIEW_STEP, instance.getId(), Map.of(REVIEWER_ROLE, role));
        Task added = tasks.createTaskQuery().executionId(execution.getId()).singleResult();
        tasks.claim(added.getId(), username);
        return new TaskId(added.getId());
    }

    /**
     * Takes a submitted scheme back from its countersign to the designer: the review tasks end and
     * the scheme design node opens again. The caller checks that no reviewer has opened it yet.
     */
    @Transactional
    public void withdrawReview(OrderId orderId) {
        ProcessInstance instance = running(orderId);
        nodes.requireUnlocked(orderId);
        runtime.createChangeActivityStateBuilder().processInstanceId(instance.getId())
                .moveActivityIdTo(REVIEW_STEP, NodeCodes.elementId("SCHEME_DESIGN")).changeState();
    }

    /** The order's process while its countersign runs; refused otherwise. */
    private ProcessInstance running(OrderId orderId) {
        ProcessInstance instance = processes.instance(orderId).orElseThrow(() -> DomainException.conflict("workflow.review.not-running"));
        if (tasks.createTaskQuery().processInstanceId(instance.getId()).taskDefinitionKey(REVIEW_STEP).count() == 0) {
            throw DomainException.conflict("workflow.review.not-running");
        }
        return instance;
    }
}
