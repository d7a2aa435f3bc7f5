package org.yekuo.work;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.yekuo.audit.AuditTrail;
import org.yekuo.identity.CurrentUser;
import org.yekuo.intake.NodeRecording;
import org.yekuo.intake.RecordedWork;
import org.yekuo.intake.WorkableNode;
import org.yekuo.shared.DomainException;
import org.yekuo.workflow.OrderProcesses;
import org.yekuo.workflow.WorkItem;

/**
 * Staff work on an order's nodes: sign for a node (R-COL-5), then complete it with what its form asks for (R-DOC-2),
 * which the order records ({@link NodeRecording}); a fail sends the order back. A completion sent from the phone
 * carries an idempotency key, so a repeat whose first answer was lost answers as the first did (R-COL-1).
 */
@Service
public class NodeWork {

    private final NodeRecording recording;
    private final OrderProcesses processes;
    private final NodeCompletionKeys completionKeys;
    private final AuditTrail audit;
    private final Clock clock;

    NodeWork(NodeRecording recording, OrderProcesses processes, NodeCompletionKeys completionKeys, AuditTrail audit, Clock clock) {
        this.recording = recording;
        this.processes = processes;
        this.completionKeys = completionKeys;
        this.audit = audit;
        this.clock = clock;
    }

    public List<WorkItem> myWork(CurrentUser user, int max) {
        return processes.openFor(user, max);
    }

    /** One node of the user's work, or empty when it is not (or no longer) theirs to work on. */
    public Optional<WorkItem> myWork(CurrentUser user, String taskId) {
        return processes.openFor(user, taskId);
    }

    @Transactional
    public WorkItem signFor(String taskId, CurrentUser user) {
        String orderNo = recording.requireOpen(processes.orderOf(taskId), user);
        WorkItem item = processes.signFor(taskId, user);
        audit.record("node.signed-for", "application", orderNo, "node=" + item.nodeCode());
        return item;
    }

    @Transactional
    public void complete(String taskId, Map<String, String> fields, CurrentUser user) {
        complete(taskId, fields, Optional.empty(), user);
    }

    /**
     * Completes a node; with an idempotency key, as a phone sends it, a repeat of a completion that went through (its
     * answer lost on the way) answers as the first did instead of failing on a node already done (R-COL-1).
     */
    @Transactional
    public void complete(String taskId, Map<String, String> fields, Optional<String> idempotencyKey, CurrentUser user) {
        Optional<String> key = idempotencyKey.map(String::strip).filter(k -> !k.isEmpty());
        if (key.isPresent()) {
            if (key.get().length() > NodeCompletionKeys.MAX_KEY) {
                throw DomainException.invalid("Idempotency-Key", "intake.mark.key-too-long", NodeCompletionKeys.MAX_KEY);
            }
            Optional<String> completed = completionKeys.taskOf(user.username(), key.get());
            if (completed.isPresent()) {
                if (!completed.get().equals(taskId)) {
                    throw DomainException.conflict("intake.node.key-reused");
                }
                return;
            }
        }
        WorkItem item = processes.openItem(taskId);
        WorkableNode node = recording.requireWorkable(item, user);
        if (key.isPresent()) {
            completionKeys.claim(user.username(), key.get(), taskId, node.orderId(), node.nodeCode(), clock.instant());
        }
        RecordedWork recorded = recording.record(node, fields, user);
        if (recorded.outcome().isPresent()) {
            processes.completeDecided(taskId, user, recorded.goesBackTo());
            audit.record("node.completed", "application", recorded.orderNo(), "node=" + item.nodeCode() + " outcome="
                    + recorded.outcome().get() + recorded.goesBackTo().map(back -> " returnTo=" + back).orElse(""));
            return;
        }
        processes.complete(taskId, user, Map.of());
        audit.record("node.completed", "application", recorded.orderNo(), "node=" + item.nodeCode() + " fields=" + recorded.fields());
    }
}
