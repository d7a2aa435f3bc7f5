package org.yekuo.workflow.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import org.flowable.engine.delegate.DelegateExecution;
import org.flowable.identitylink.api.IdentityLinkInfo;
import org.flowable.task.service.delegate.DelegateTask;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.util.function.SingletonSupplier;
import org.yekuo.workflow.NodeCompleted;
import org.yekuo.workflow.NodeDeadlines;
import org.yekuo.workflow.NodeReached;
import org.yekuo.workflow.OrderId;
import org.yekuo.workflow.ProcessCompleted;
import org.yekuo.workflow.ReviewOutcome;
import org.yekuo.workflow.SchemeReviews;
import org.yekuo.workflow.TaskId;

/**
 * The one bean the BPMN expressions may call ({@code orderProcess}): it decides which nodes a
 * business type skips and turns task and process events into Yekuo's domain events, published in
 * the engine's transaction so that listeners commit or roll back with it.
 */
@Component(OrderProcessAdapter.BEAN_NAME)
public class OrderProcessAdapter {

    static final String BEAN_NAME = "orderProcess";
    private static final String REVIEW_NODE = "SCHEME_REVIEW";
    private static final String OPENED_ROUND = "reviewRoundOpened";

    private final ApplicationEventPublisher events;
    // The other modules' ports, looked up once: resolving them from the bean factory on every node costs
    // more than some of the calls themselves.
    private final Supplier<NodeDeadlines> deadlines;
    private final Supplier<SchemeReviews> reviews;
    private final Clock clock;

    OrderProcessAdapter(ApplicationEventPublisher events, ObjectProvider<NodeDeadlines> deadlines,
            ObjectProvider<SchemeReviews> reviews, Clock clock) {
        this.events = events;
        this.deadlines = SingletonSupplier.of(deadlines::getIfAvailable);
        this.reviews = SingletonSupplier.of(reviews::getIfAvailable);
        this.clock = clock;
    }

    /**
     * The reviewer roles that countersign the scheme just submitted, one parallel task each; none when
     * the business type plans no countersign (or nothing owns reviews), so the scheme passes unreviewed.
     */
    public List<String> reviewerRoles(DelegateExecution execution) {
        SchemeReviews port = reviews.get();
        if (port == null || skips(execution, REVIEW_NODE)) {
            return List.of();
        }
        // The engine resolves a multi-instance collection more than once per arrival: open one round only.
        @SuppressWarnings("unchecked")
        List<String> opened = (List<String>) execution.getTransientVariable(OPENED_ROUND);
        if (opened == null) {
            opened = List.copyOf(port.openRound((Long) execution.getVariable(ProcessVariables.ORDER_ID), clock.instant()));
            execution.setTransientVariable(OPENED_ROUND, opened);
        }
        return opened;
    }

    /** Where the finished review round leads: its outcome's name, as the gateways' conditions compare it. */
    public String reviewOutcome(DelegateExecution execution) {
        SchemeReviews port = reviews.get();
        if (port == null || skips(execution, REVIEW_NODE)) {
            return ReviewOutcome.PASSED.name();
        }
        return port.outcome((Long) execution.getVariable(ProcessVariables.ORDER_ID)).name();
    }

    /** The node a failed review or inspection sends the order back to, or empty: the outgoing flows' conditions compare it. */
    public String returnTo(DelegateExecution execution) {
        Object node = execution.getVariable(ProcessVariables.RETURN_TO);
        return node == null ? "" : node.toString();
    }

    public boolean skips(DelegateExecution execution, String nodeCode) {
        return !ProcessVariables.plannedNodes(execution.getVariable(ProcessVariables.PLANNED_NODES)).contains(nodeCode);
    }

    public void nodeReached(DelegateTask task, String nodeCode) {
        OrderId orderId = new OrderId((Long) task.getVariable(ProcessVariables.ORDER_ID));
        Instant now = clock.instant();
        Set<String> roles = new LinkedHashSet<>();
        for (IdentityLinkInfo link : task.getCandidates()) {
            if (link.getGroupId() != null) {
                roles.add(link.getGroupId());
            }
        }
        NodeReached reached = new NodeReached(orderId, nodeCode, new TaskId(task.getId()), Set.copyOf(roles), now,
                (String) task.getVariable(ProcessVariables.ORDER_NO), (String) task.getVariable(ProcessVariables.TYPE_CODE),
                (Integer) task.getVariable(ProcessVariables.TYPE_VERSION), (String) task.getVariable(ProcessVariables.ORG_PATH));
        // The deadline's owner hears first, so the node's clock runs before any listener acts on the node.
        NodeDeadlines owner = deadlines.get();
        if (owner != null) {
            owner.reached(reached).ifPresent(due -> task.setDueDate(Date.from(due)));
        }
        events.publishEvent(reached);
    }

    public void nodeCompleted(DelegateTask task, String nodeCode) {
        OrderId orderId = new OrderId((Long) task.getVariable(ProcessVariables.ORDER_ID));
        events.publishEvent(new NodeCompleted(orderId, nodeCode, new TaskId(task.getId()), task.getAssignee(), clock.instant(),
                (String) task.getVariable(ProcessVariables.ORDER_NO)));
    }

    public void finished(DelegateExecution execution) {
        events.publishEvent(new ProcessCompleted(new OrderId((Long) execution.getVariable(ProcessVariables.ORDER_ID))));
    }

    /** A step clock's timer rang (see {@code step-clock.bpmn20.xml}). */
    public void stepClockRang(DelegateExecution execution, String moment) {
        events.publishEvent(new org.yekuo.workflow.StepClockRang((String) execution.getVariable("stepKind"),
                ((Number) execution.getVariable("stepSubject")).longValue(), org.yekuo.workflow.StepClockRang.Moment.valueOf(moment),
                clock.instant()));
    }
}
