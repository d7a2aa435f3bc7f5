package org.yekuo.intake;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.yekuo.audit.AuditTrail;
import org.yekuo.identity.CurrentUser;
import org.yekuo.shared.DomainException;
import org.yekuo.workflow.OrderProcesses;
import org.yekuo.workflow.WorkItem;

/**
 * Staff work on an order's nodes: sign for a node (R-COL-5), then complete it with the node's
 * required fields (R-DOC-2). A suspended, cancelled or completed order takes no work.
 */
@Service
public class NodeWork {

    private static final String COUNTERSIGNED = "SCHEME_REVIEW";

    private final Applications applications;
    private final OrderProcesses processes;
    private final AuditTrail audit;

    NodeWork(Applications applications, OrderProcesses processes, AuditTrail audit) {
        this.applications = applications;
        this.processes = processes;
        this.audit = audit;
    }

    /**
     * The fields a node's form asks for, in order, each with the HTML input type that fits it; their
     * labels are {@code intake.node-field.<name>}.
     */
    public List<FormField> fieldsOf(String nodeCode) {
        return NodeForm.valueOf(nodeCode).fields().stream()
                .map(f -> new FormField(f.name(), switch (f.kind()) {
                    case NUMBER -> "number";
                    case DATE -> "date";
                    case TEXT -> "text";
                }))
                .toList();
    }

    public record FormField(String name, String inputType) {
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
        Application application = applications.get(processes.orderOf(taskId));
        OrderAccess.requireInScope(application, user);
        application.requireOpen();
        WorkItem item = processes.signFor(taskId, user);
        audit.record("node.signed-for", "application", application.orderNo(), "node=" + item.nodeCode());
        return item;
    }

    @Transactional
    public void complete(String taskId, Map<String, String> fields, CurrentUser user) {
        WorkItem item = processes.openItem(taskId);
        Application application = applications.get(item.orderId());
        OrderAccess.requireInScope(application, user);
        application.requireWorkable();
        OrderProcesses.requireSignedFor(item, user);
        String nodeCode = item.nodeCode();
        if (COUNTERSIGNED.equals(nodeCode)) {
            // A countersign is a signed opinion against the guideline, given on the review desk, not a form field.
            throw DomainException.conflict("intake.node.countersign-elsewhere");
        }
        if ("ACCEPTANCE".equals(nodeCode)) {
            List<String> missing = DeferredMaterialPolicy.missingAt(nodeCode, applications.materials(application.id()));
            if (!missing.isEmpty()) {
                throw DomainException.conflict("intake.acceptance.materials-missing", String.join(", ", missing));
            }
        }
        Map<String, String> values = NodeForm.valueOf(nodeCode).validate(fields);
        applications.saveNodeFields(application.id(), nodeCode, values);
        processes.complete(taskId, user, Map.of());
        audit.record("node.completed", "application", application.orderNo(), "node=" + nodeCode + " fields=" + values.keySet());
    }
}
