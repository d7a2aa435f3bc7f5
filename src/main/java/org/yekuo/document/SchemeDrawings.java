package org.yekuo.document;

import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.yekuo.audit.AuditTrail;
import org.yekuo.identity.CurrentUser;
import org.yekuo.shared.DomainException;
import org.yekuo.workflow.OpenNodes;
import org.yekuo.workflow.TaskId;
import org.yekuo.workflow.WorkItem;

/**
 * The scheme's drawings (the scheme is a document, not two text fields): the designer who has signed for the
 * order's scheme design attaches each drawing as a PDF, kept in the order's archive in versions; the review
 * desk and the nodes after design show the current version of each beside the structured scheme.
 */
@Service
public class SchemeDrawings {

    static final String NODE = "SCHEME_DESIGN";
    static final FilePolicy FILES = new FilePolicy(EnumSet.of(FileType.PDF), 20L * 1024 * 1024, "intake.drawing.file-kind");

    private final FiledOrders orders;
    private final OpenNodes nodes;
    private final Documents documents;
    private final AuditTrail audit;

    SchemeDrawings(FiledOrders orders, OpenNodes nodes, Documents documents, AuditTrail audit) {
        this.orders = orders;
        this.nodes = nodes;
        this.documents = documents;
        this.audit = audit;
    }

    /** Adds a drawing to the scheme being designed; only its designer, while the design node is theirs. */
    @Transactional
    public Document add(String taskId, String kind, UploadedFile file, CurrentUser user) {
        WorkItem item = nodes.openItem(new TaskId(taskId));
        FiledOrder order = orders.get(item.orderId().value(), user);
        order.requireOpen();
        if (!NODE.equals(item.nodeCode())) {
            throw DomainException.conflict("intake.drawing.not-design");
        }
        OpenNodes.requireSignedFor(item, user);
        DrawingKind drawing = kindOf(kind);
        Document added = documents.add(order.owner(), DocumentKind.SCHEME_DRAWING, drawing.name(), NODE, file, FILES, user);
        audit.record(DocumentAudit.SCHEME_DRAWING_ADDED, "application", order.orderNo(), "drawing=" + drawing + " version="
                + added.version() + " document=" + added.id());
        return added;
    }

    /** The current version of each of the order's drawings, in the kinds' order; empty before any is attached. */
    @Transactional(readOnly = true)
    public List<Document> current(long orderId, CurrentUser user) {
        Map<String, Document> latest = new LinkedHashMap<>();
        documents.archive(orderId, user).stream().filter(d -> d.kind() == DocumentKind.SCHEME_DRAWING)
                .forEach(d -> latest.merge(d.subject(), d, (a, b) -> a.version() >= b.version() ? a : b));
        return latest.values().stream().sorted(Comparator.comparingInt(d -> DrawingKind.valueOf(d.subject()).ordinal())).toList();
    }

    private static DrawingKind kindOf(String kind) {
        return Optional.ofNullable(kind).map(String::trim).flatMap(k -> Arrays.stream(DrawingKind.values())
                        .filter(d -> d.name().equals(k)).findFirst())
                .orElseThrow(() -> DomainException.invalid("kind", "intake.drawing.kind-invalid"));
    }
}
