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
import org.yekuo.workflow.OpenNodes;
import org.yekuo.workflow.OpenNodes.LockedNode;
import org.yekuo.workflow.TaskId;
import org.yekuo.workflow.WorkList;
import org.yekuo.workflow.WorkItem;

/**
 * Staff work on an order's nodes: sign for a node (R-COL-5), then complete it with what its form asks for (R-DOC-2),
 * which the order records ({@link NodeRecording}); a fail sends the order back. A completion sent from the phone
 * carries an idempotency key, so a repeat whose first answer was lost answers as the first did (R-COL-1).
 */
@Service
public class NodeWork {

    private final NodeRecording recording;
    private final OpenNodes nodes;
    private final WorkList workList;
    private final NodeCompletionKeys completionKeys;
    private final AuditTrail audit;
    private final Clock clock;

    NodeWork(NodeRecording recording, OpenNodes nodes, WorkList workList, NodeCompletionKeys completionKeys, AuditTrail audit,
            Clock clock) {
        this.recording = recording;
        this.nodes = nodes;
        this.workList = workList;
        this.completionKeys = completionKeys;
        this.audit = audit;
        this.clock = clock;
    }

    public List<WorkItem> myWork(CurrentUser user, int max) {
        return workList.openFor(user, max);
    }

    /** One node of the user's work, or empty when it is not (or no longer) theirs to work on. */
    public Optional<WorkItem> myWork(CurrentUser user, String taskId) {
        return workList.openFor(user, new TaskId(taskId));
    }

    @Transactional
    public WorkItem signFor(String taskId, CurrentUser user) {
        // The node's row, locked for the whole sign-for, gives its order too: read once, not once for the order's scope,
        // once locked and once more for the answer.
        LockedNode node = nodes.lock(new TaskId(taskId));
        String orderNo = recording.requireOpen(node.item().orderId().value(), user);
        WorkItem item = nodes.signFor(node, user);
        audit.record(WorkAudit.NODE_SIGNED_FOR, "application", orderNo, "node=" + item.nodeCode());
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
        // The node's row stays locked from here to commit: read once for every check, and a second completion waits.
        LockedNode locked;
        try {
            locked = nodes.lock(new TaskId(taskId));
        } catch (DomainException gone) {
            // A repeat sent while the first was still being completed waited on the row; the first has committed since.
            if (key.isPresent() && completionKeys.taskOf(user.username(), key.get()).filter(taskId::equals).isPresent()) {
                return;
            }
            throw gone;
        }
        WorkableNode node = recording.requireWorkable(locked.item(), user);
        if (key.isPresent()) {
            completionKeys.claim(user.username(), key.get(), taskId, node.orderId(), node.nodeCode(), clock.instant());
        }
        RecordedWork recorded = recording.record(node, fields, user);
        if (recorded.outcome().isPresent()) {
            nodes.completeDecided(locked, user, recorded.goesBackTo());
            audit.record(WorkAudit.NODE_COMPLETED, "application", recorded.orderNo(), "node=" + node.nodeCode() + " outcome="
                    + recorded.outcome().get() + recorded.goesBackTo().map(back -> " returnTo=" + back).orElse(""));
            return;
        }
        nodes.complete(locked, user);
        audit.record(WorkAudit.NODE_COMPLETED, "application", recorded.orderNo(), "node=" + node.nodeCode() + " fields=" + recorded.fields());
    }
}
