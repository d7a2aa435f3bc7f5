package org.yekuo.intake;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.yekuo.audit.AuditTrail;
import org.yekuo.catalogue.Catalogue;
import org.yekuo.catalogue.KeyNode;
import org.yekuo.catalogue.ReviewGuideline;
import org.yekuo.identity.CurrentUser;
import org.yekuo.shared.DomainException;
import org.yekuo.shared.DomainException.FieldProblem;
import org.yekuo.workflow.NodeHistory;
import org.yekuo.workflow.OrderProcesses;
import org.yekuo.workflow.WorkItem;

/**
 * Staff work on an order's nodes: sign for a node (R-COL-5), then complete it with the node's
 * required fields (R-DOC-2), its dates in the order's course and, where the node passes or fails its
 * subject, its outcome, which sends a failed order back; an LV scheme with its designer's check of the LV
 * guideline's items (R-REV-2). A suspended, cancelled or completed order takes no work.
 */
@Service
@EnableConfigurationProperties(WorkProperties.class)
public class NodeWork {

    private static final String COUNTERSIGNED = "SCHEME_REVIEW";

    private final Applications applications;
    private final OrderProcesses processes;
    private final AuditTrail audit;
    private final Catalogue catalogue;
    private final NodeOutcomes outcomes;
    private final SchemeChecks schemeChecks;
    private final NodeRecords records;
    private final WorkProperties properties;
    private final Clock clock;

    NodeWork(Applications applications, OrderProcesses processes, AuditTrail audit, Catalogue catalogue, NodeOutcomes outcomes,
            SchemeChecks schemeChecks, NodeRecords records, WorkProperties properties, Clock clock) {
        this.schemeChecks = schemeChecks;
        this.records = records;
        this.applications = applications;
        this.processes = processes;
        this.audit = audit;
        this.catalogue = catalogue;
        this.outcomes = outcomes;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * The fields a node's form asks for, in order, each with the HTML input type that fits it, whether it
     * must be filled and, for a choice, its options; their labels are {@code intake.node-field.<name>}.
     * A fail's way back offers the nodes the order's type plans.
     */
    public List<FormField> fieldsOf(String nodeCode, long orderId) {
        List<String> planned = plannedNodes(applications.get(orderId));
        return NodeForm.of(nodeCode).fields().stream()
                .map(f -> new FormField(f.name(), switch (f.kind()) {
                    case TEXT -> "text";
                    case LONG_TEXT -> "textarea";
                    case NUMBER -> "number";
                    case DATE -> "date";
                    case CHOICE, RETURN_NODE -> "select";
                }, f.required(), f.kind() == NodeForm.Kind.RETURN_NODE ? OutcomePolicy.returnTargets(nodeCode, planned) : f.options()))
                .toList();
    }

    /**
     * One field of a node's form.
     *
     * @param options a choice's values (labels {@code intake.node-field.<name>.<value>}), or for the way back
     *                after a fail the node codes it may go to
     */
    public record FormField(String name, String inputType, boolean required, List<String> options) {

        public boolean returnTo() {
            return NodeForm.RETURN_TO.equals(name);
        }
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
            // Only orders accepted before one-certificate start held for every type can still have one.
            List<String> missing = DeferredMaterialPolicy.missingAt(nodeCode, applications.materials(application.id()));
            if (!missing.isEmpty()) {
                throw DomainException.conflict("intake.acceptance.materials-missing", String.join(", ", missing));
            }
        }
        NodeForm form = NodeForm.of(nodeCode);
        Map<String, String> values = form.validate(fields);
        List<FieldProblem> problems = new ArrayList<>();
        datePolicy(application).check(form.dateFields(), values, problems);
        Optional<OutcomePolicy.Decision> decision = form.decides()
                ? Optional.of(OutcomePolicy.decide(nodeCode, values, plannedNodes(application), problems))
                : Optional.empty();
        Optional<ReviewGuideline> checkedAgainst = schemeChecks.requiredAt(application, nodeCode);
        List<SchemeCheckPolicy.Answer> answers = checkedAgainst.map(g -> SchemeCheckPolicy.check(g, fields, problems)).orElse(List.of());
        if (!problems.isEmpty()) {
            throw SchemeCheckPolicy.onlyCheck(problems) ? SchemeCheckPolicy.refused(problems) : form.incomplete(problems);
        }
        Instant now = clock.instant();
        applications.saveNodeFields(application.id(), nodeCode, values);
        if (checkedAgainst.isPresent()) {
            schemeChecks.record(application.id(), checkedAgainst.get(), answers, user.username(), now);
            audit.record("node.scheme-checked", "application", application.orderNo(), "guideline=" + checkedAgainst.get().code()
                    + " version=" + checkedAgainst.get().version() + " passed=" + clauses(answers, CheckVerdict.PASSED)
                    + " not-applicable=" + clauses(answers, CheckVerdict.NOT_APPLICABLE));
        }
        records.completed(application, nodeCode, user);
        if (decision.isPresent()) {
            outcomes.record(application.id(), nodeCode, taskId, decision.get(), user.username(), now);
            processes.completeDecided(taskId, user, decision.get().goesBackTo());
            audit.record("node.completed", "application", application.orderNo(), "node=" + nodeCode + " outcome="
                    + decision.get().outcome() + decision.get().goesBackTo().map(node -> " returnTo=" + node).orElse(""));
            return;
        }
        processes.complete(taskId, user, Map.of());
        audit.record("node.completed", "application", application.orderNo(), "node=" + nodeCode + " fields=" + values.keySet());
    }

    private static List<String> clauses(List<SchemeCheckPolicy.Answer> answers, CheckVerdict verdict) {
        return answers.stream().filter(a -> a.verdict() == verdict).map(SchemeCheckPolicy.Answer::clauseNo).toList();
    }

    private List<String> plannedNodes(Application application) {
        return catalogue.version(application.planTypeCode(), application.planTypeVersion()).nodeSequence().stream()
                .map(KeyNode::name).toList();
    }

    /** The dates a node's fields may hold: after acceptance and the previous node, not beyond today's margin. */
    private NodeDatePolicy datePolicy(Application application) {
        Optional<NodeHistory> previous = processes.timeline(application.id()).stream().filter(n -> n.finishedAt() != null)
                .max(Comparator.comparing(NodeHistory::finishedAt));
        return new NodeDatePolicy(LocalDate.ofInstant(application.createdAt(), clock.getZone()),
                previous.map(n -> LocalDate.ofInstant(n.finishedAt(), clock.getZone())),
                previous.map(NodeHistory::nodeCode).orElse(null), LocalDate.now(clock), properties.futureDateMarginDays());
    }
}
