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
import org.yekuo.workflow.OpenNodes;
import org.yekuo.workflow.OrderId;
import org.yekuo.workflow.TaskId;
import org.yekuo.workflow.WorkList;
import org.yekuo.workflow.WorkItem;

/**
 * What an order records at its nodes: the node's required fields (R-DOC-2), its dates in the order's course and,
 * where the node passes or fails its subject, its outcome, which sends a failed order back; an LV scheme with its
 * designer's check of the LV guideline's items (R-REV-2); the node's signed record. The work module completes nodes
 * through it, in the completing transaction. A suspended, cancelled or completed order takes no work.
 */
@Service
@EnableConfigurationProperties(WorkProperties.class)
public class NodeRecording {

    private static final String COUNTERSIGNED = "SCHEME_REVIEW";

    private final Applications applications;
    private final OrderProcesses processes;
    private final OpenNodes nodes;
    private final WorkList workList;
    private final AuditTrail audit;
    private final Catalogue catalogue;
    private final NodeOutcomes outcomes;
    private final SchemeChecks schemeChecks;
    private final NodeRecords records;
    private final WorkProperties properties;
    private final Clock clock;

    NodeRecording(Applications applications, OrderProcesses processes, OpenNodes nodes, WorkList workList, AuditTrail audit,
            Catalogue catalogue, NodeOutcomes outcomes,
            SchemeChecks schemeChecks, NodeRecords records, WorkProperties properties, Clock clock) {
        this.schemeChecks = schemeChecks;
        this.records = records;
        this.applications = applications;
        this.processes = processes;
        this.nodes = nodes;
        this.workList = workList;
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
                    case MEASURE -> "measure";
                    case DATE -> "date";
                    case CHOICE, RETURN_NODE -> "select";
                }, f.required(), switch (f.kind()) {
                    case RETURN_NODE -> OutcomePolicy.returnTargets(nodeCode, planned);
                    case MEASURE -> f.measurement().sizes().stream().map(s -> s.toPlainString()).toList();
                    default -> f.options();
                }, f.kind() == NodeForm.Kind.MEASURE ? f.measurement().unitSymbols() : List.of(),
                        f.kind() == NodeForm.Kind.MEASURE ? f.measurement().min().toPlainString() : null,
                        f.kind() == NodeForm.Kind.MEASURE ? f.measurement().max().toPlainString() : null))
                .toList();
    }

    /**
     * One field of a node's form.
     *
     * @param options a choice's values (labels {@code intake.node-field.<name>.<value>}), for the way back after a fail
     *                the node codes it may go to, for a measurement the standard sizes it must be one of (if any)
     * @param units   a measurement's units, its base unit first; the form sends the chosen one as {@code <name>.unit}
     * @param min     a measurement's least allowed value in its base unit
     * @param max     a measurement's greatest allowed value in its base unit
     */
    public record FormField(String name, String inputType, boolean required, List<String> options, List<String> units,
            String min, String max) {

        public boolean returnTo() {
            return NodeForm.RETURN_TO.equals(name);
        }

        public String unit() {
            return units.isEmpty() ? null : units.get(0);
        }
    }

    /** The order of a node about to be signed for, for a user in scope while it is open; its number, for the audit. */
    public String requireOpen(long orderId, CurrentUser user) {
        Application application = applications.get(orderId);
        OrderAccess.requireInScope(application, user);
        application.requireOpen();
        return application.orderNo();
    }

    /**
     * Refuses work on {@code item} unless its order is in the user's scope and takes work (neither suspended nor closed)
     * and the user has signed for the node.
     */
    public WorkableNode requireWorkable(WorkItem item, CurrentUser user) {
        Application application = applications.get(item.orderId().value());
        OrderAccess.requireInScope(application, user);
        application.requireWorkable();
        OpenNodes.requireSignedFor(item, user);
        return new WorkableNode(application, item);
    }

    /**
     * Records what the node did on the order, once its work is checked: the fields its form asks for, in the order's
     * course, the scheme's check, the node's signed record and, where it decides, its outcome. Nothing is saved when a
     * field is refused.
     */
    public RecordedWork record(WorkableNode node, Map<String, String> fields, CurrentUser user) {
        Application application = node.application;
        String nodeCode = node.nodeCode();
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
            audit.record(IntakeAudit.NODE_SCHEME_CHECKED, "application", application.orderNo(), "guideline=" + checkedAgainst.get().code()
                    + " version=" + checkedAgainst.get().version() + " passed=" + clauses(answers, CheckVerdict.PASSED)
                    + " not-applicable=" + clauses(answers, CheckVerdict.NOT_APPLICABLE));
        }
        records.completed(application, nodeCode, user);
        if (decision.isPresent()) {
            outcomes.record(application.id(), nodeCode, node.item.taskId().value(), decision.get(), user.username(), now);
            return new RecordedWork(application.orderNo(), values.keySet(), Optional.of(decision.get().outcome()),
                    decision.get().goesBackTo());
        }
        return new RecordedWork(application.orderNo(), values.keySet(), Optional.empty(), Optional.empty());
    }

    /**
     * Work on a node that another system reports (R-X-7: the project management system's "works completed" for
     * SUPPLY_WORKS): the fields always go into the node's form, so its handler finds them filled in; the node
     * completes with them at once when it is open, the order may move and the fields meet the node's form. Nodes
     * that decide a pass or fail, or are checked against a guideline, are never completed this way.
     */
    @Transactional
    public ReportedWork reportWork(long orderId, String nodeCode, Map<String, String> fields, String reporter) {
        NodeForm form = NodeForm.of(nodeCode);
        if (form.decides() || COUNTERSIGNED.equals(nodeCode)) {
            throw new IllegalArgumentException("A node that decides or is countersigned is not completed by report: " + nodeCode);
        }
        Application application = applications.get(orderId);
        applications.saveNodeFields(orderId, nodeCode, fields);
        Optional<WorkItem> item = workList.openItems(new OrderId(orderId)).stream().filter(i -> i.nodeCode().equals(nodeCode)).findFirst();
        if (!application.status().open() || item.isEmpty()) {
            return ReportedWork.NODE_NOT_OPEN;
        }
        if (application.status() == ApplicationStatus.SUSPENDED) {
            return ReportedWork.ORDER_HELD;
        }
        Map<String, String> values;
        try {
            values = form.validate(fields);
        } catch (DomainException e) {
            return ReportedWork.LEFT_TO_HANDLER;
        }
        if (schemeChecks.requiredAt(application, nodeCode).isPresent()) {
            return ReportedWork.LEFT_TO_HANDLER;
        }
        if (!nodes.completeReported(item.get().taskId())) {
            return ReportedWork.LEFT_TO_HANDLER;
        }
        audit.record(IntakeAudit.NODE_COMPLETED, "application", application.orderNo(), "node=" + nodeCode + " fields=" + values.keySet()
                + " source=" + reporter);
        return ReportedWork.COMPLETED;
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
        Optional<NodeHistory> previous = processes.timeline(new OrderId(application.id())).stream().filter(n -> n.finishedAt() != null)
                .max(Comparator.comparing(NodeHistory::finishedAt));
        return new NodeDatePolicy(LocalDate.ofInstant(application.createdAt(), clock.getZone()),
                previous.map(n -> LocalDate.ofInstant(n.finishedAt(), clock.getZone())),
                previous.map(NodeHistory::nodeCode).orElse(null), LocalDate.now(clock), properties.futureDateMarginDays());
    }
}
