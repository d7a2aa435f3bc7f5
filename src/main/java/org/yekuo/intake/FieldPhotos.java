package org.yekuo.intake;

import java.time.Clock;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.yekuo.audit.AuditTrail;
import org.yekuo.document.Document;
import org.yekuo.document.DocumentKind;
import org.yekuo.document.DocumentOwner;
import org.yekuo.document.Documents;
import org.yekuo.document.FilePolicy;
import org.yekuo.document.FileType;
import org.yekuo.document.UploadedFile;
import org.yekuo.identity.CurrentUser;
import org.yekuo.identity.StaffMember;
import org.yekuo.identity.StaffMembers;
import org.yekuo.shared.DomainException;
import org.yekuo.workflow.OrderProcesses;
import org.yekuo.workflow.WorkItem;

/**
 * Photos the field takes at a node, such as the meter position and the site on a survey (R-COL-1):
 * only the member of staff who has signed for the open node adds them, each a JPEG or PNG judged by
 * its content with a short annotation, kept in the order's archive; everyone who may see the order sees them.
 */
@Service
public class FieldPhotos {

    static final FilePolicy FILES = new FilePolicy(FileType.IMAGES, 10L * 1024 * 1024, "intake.photo.file-kind");
    static final int MAX_ANNOTATION = 200;

    private final Applications applications;
    private final NodePhotos photos;
    private final OrderProcesses processes;
    private final Documents documents;
    private final StaffMembers staff;
    private final AuditTrail audit;
    private final Clock clock;

    FieldPhotos(Applications applications, NodePhotos photos, OrderProcesses processes, Documents documents,
            StaffMembers staff, AuditTrail audit, Clock clock) {
        this.applications = applications;
        this.photos = photos;
        this.processes = processes;
        this.documents = documents;
        this.staff = staff;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional
    public NodePhoto add(String taskId, String kind, String annotation, UploadedFile file, CurrentUser user) {
        WorkItem item = processes.openItem(taskId);
        Application application = applications.get(item.orderId());
        OrderAccess.requireInScope(application, user);
        application.requireOpen();
        OrderProcesses.requireSignedFor(item, user);
        String nodeCode = item.nodeCode();
        PhotoKind photoKind = kindOf(kind);
        String text = annotationOf(annotation);
        Document document = documents.add(new DocumentOwner(application.id(), application.orderNo(), application.orgPath()),
                DocumentKind.FIELD_PHOTO, photoKind.name(), nodeCode, file, FILES, user);
        long id = photos.insert(application.id(), nodeCode, photoKind, text, document, user.username(), clock.instant());
        audit.record("photo.added", "application", application.orderNo(),
                "node=" + nodeCode + " kind=" + photoKind + " photo=" + id + " document=" + document.id() + " bytes=" + document.sizeBytes());
        return named(photos.get(id).orElseThrow(), new HashMap<>());
    }

    @Transactional(readOnly = true)
    public List<NodePhoto> ofOrder(long orderId, CurrentUser user) {
        OrderAccess.requireInScope(applications.get(orderId), user);
        Map<String, String> names = new HashMap<>();
        return photos.ofOrder(orderId).stream().map(p -> named(p, names)).toList();
    }

    private NodePhoto named(NodePhoto photo, Map<String, String> names) {
        return photo.named(names.computeIfAbsent(photo.addedBy(),
                username -> staff.byUsername(username).map(StaffMember::displayName).orElse(username)));
    }

    private static PhotoKind kindOf(String kind) {
        return Optional.ofNullable(kind).map(String::trim).flatMap(k -> EnumSet.allOf(PhotoKind.class).stream()
                        .filter(p -> p.name().equals(k)).findFirst())
                .orElseThrow(() -> DomainException.invalid("kind", "intake.photo.kind-invalid"));
    }

    private static String annotationOf(String annotation) {
        String text = annotation == null ? "" : annotation.strip();
        if (text.isEmpty() || text.codePointCount(0, text.length()) > MAX_ANNOTATION) {
            throw DomainException.invalid("annotation", "intake.photo.annotation-length", MAX_ANNOTATION);
        }
        return text;
    }
}
