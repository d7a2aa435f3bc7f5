package org.yekuo.document;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.yekuo.audit.AuditTrail;
import org.yekuo.identity.CurrentUser;
import org.yekuo.identity.StaffMember;
import org.yekuo.identity.StaffMembers;
import org.yekuo.shared.DomainException;
import org.yekuo.workflow.OpenNodes;
import org.yekuo.workflow.OrderId;
import org.yekuo.workflow.TaskId;
import org.yekuo.workflow.WorkList;
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

    private final FiledOrders orders;
    private final NodePhotos photos;
    private final PhotoMarkings markings;
    private final OpenNodes nodes;
    private final WorkList workList;
    private final Documents documents;
    private final StaffMembers staff;
    private final AuditTrail audit;
    private final Clock clock;

    FieldPhotos(FiledOrders orders, NodePhotos photos, PhotoMarkings markings, OpenNodes nodes, WorkList workList,
            Documents documents,
            StaffMembers staff, AuditTrail audit, Clock clock) {
        this.orders = orders;
        this.photos = photos;
        this.markings = markings;
        this.nodes = nodes;
        this.workList = workList;
        this.documents = documents;
        this.staff = staff;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional
    public NodePhoto add(String taskId, String kind, String annotation, UploadedFile file, CurrentUser user) {
        WorkItem item = nodes.openItem(new TaskId(taskId));
        FiledOrder order = orders.get(item.orderId().value(), user);
        order.requireOpen();
        OpenNodes.requireSignedFor(item, user);
        String nodeCode = item.nodeCode();
        PhotoKind photoKind = kindOf(kind);
        String text = annotationOf(annotation);
        Document document = documents.add(order.owner(), DocumentKind.FIELD_PHOTO, photoKind.name(), nodeCode, file, FILES, user);
        int[] size = sizeOf(file);
        long id = photos.insert(order.id(), nodeCode, photoKind, text, document, size[0], size[1], user.username(), clock.instant());
        audit.record(DocumentAudit.PHOTO_ADDED, "application", order.orderNo(),
                "node=" + nodeCode + " kind=" + photoKind + " photo=" + id + " document=" + document.id() + " bytes=" + document.sizeBytes());
        return named(photos.get(id).orElseThrow(), new HashMap<>());
    }

    /** A blank route sketch at the node the user has signed for, to mark the line route on (R-COL-1). */
    @Transactional
    public NodePhoto sketch(String taskId, String annotation, CurrentUser user) {
        return add(taskId, PhotoKind.ROUTE_SKETCH.name(), annotation, new UploadedFile("route-sketch.png", BlankSketch.png()), user);
    }

    /**
     * Saves the marks drawn over a photo as its next version, over the unchanged original (R-COL-1). Only the photo's
     * author, or who has signed for the open node it was taken at, marks it, while the order is open; an empty list
     * clears the marks. A save repeated with the same idempotency key answers with the version it made.
     */
    @Transactional
    public PhotoMarking mark(long photoId, List<DrawnMark> marks, Optional<String> idempotencyKey, CurrentUser user) {
        NodePhoto photo = photos.get(photoId).orElseThrow(() -> DomainException.notFound("intake.photo.not-found", photoId));
        FiledOrder order = orders.get(photo.orderId(), user);
        Optional<String> key = idempotencyKey.map(String::strip).filter(k -> !k.isEmpty());
        if (key.isPresent()) {
            if (key.get().length() > 80) {
                throw DomainException.invalid("Idempotency-Key", "intake.mark.key-too-long", 80);
            }
            Optional<PhotoMarkings.Saved> earlier = markings.byKey(user.username(), key.get());
            if (earlier.isPresent()) {
                if (earlier.get().photoId() != photoId) {
                    throw DomainException.conflict("intake.mark.key-reused");
                }
                return marking(photo, earlier.get());
            }
        }
        order.requireOpen();
        if (!photo.addedBy().equals(user.username()) && !holdsNode(photo, user)) {
            throw DomainException.forbidden("intake.mark.not-yours");
        }
        if (!photo.markable()) {
            throw DomainException.conflict("intake.mark.no-size");
        }
        List<PhotoMark> checked = PhotoMarkPolicy.check(marks, photo.width(), photo.height());
        int version = markings.insert(photoId, checked, user.username(), clock.instant(), key.orElse(null));
        audit.record(DocumentAudit.PHOTO_MARKED, "application", order.orderNo(), "photo=" + photoId + " version=" + version
                + " marks=" + checked.size());
        return marking(photo, markings.latest(photoId).orElseThrow());
    }

    /** One photo with its latest marks, for everyone who may see the order. */
    @Transactional(readOnly = true)
    public NodePhoto get(long photoId, CurrentUser user) {
        NodePhoto photo = photos.get(photoId).orElseThrow(() -> DomainException.notFound("intake.photo.not-found", photoId));
        orders.get(photo.orderId(), user);
        return named(photo, new HashMap<>());
    }

    /** The user may mark the photo now: it has a size, its order is open and it is theirs or they work its node. */
    @Transactional(readOnly = true)
    public boolean mayMark(NodePhoto photo, CurrentUser user) {
        return photo.markable() && orders.get(photo.orderId(), user).open()
                && (photo.addedBy().equals(user.username()) || holdsNode(photo, user));
    }

    /** The marks over a photo as last saved, for everyone who may see the order. */
    @Transactional(readOnly = true)
    public PhotoMarking marking(long photoId, CurrentUser user) {
        NodePhoto photo = photos.get(photoId).orElseThrow(() -> DomainException.notFound("intake.photo.not-found", photoId));
        orders.get(photo.orderId(), user);
        return markings.latest(photoId).map(saved -> marking(photo, saved))
                .orElseGet(() -> new PhotoMarking(photoId, 0, size(photo.width()), size(photo.height()), List.of(), null, null, null));
    }

    private PhotoMarking marking(NodePhoto photo, PhotoMarkings.Saved saved) {
        return new PhotoMarking(photo.id(), saved.version(), size(photo.width()), size(photo.height()), saved.marks(), saved.markedBy(),
                staff.byUsername(saved.markedBy()).map(StaffMember::displayName).orElse(saved.markedBy()), saved.markedAt());
    }

    private static int size(Integer pixels) {
        return pixels == null ? 0 : pixels;
    }

    /** The user has signed for the open node of the order that the photo was taken at: the surveyor handling it now. */
    private boolean holdsNode(NodePhoto photo, CurrentUser user) {
        return workList.openItems(new OrderId(photo.orderId())).stream()
                .anyMatch(item -> item.nodeCode().equals(photo.nodeCode()) && user.username().equals(item.assignee()));
    }

    /** The image's size in pixels as ImageIO reads it, which is how it is shown (the shown copy is re-encoded without EXIF). */
    private static int[] sizeOf(UploadedFile file) {
        try (InputStream content = file.content().open(); ImageInputStream in = ImageIO.createImageInputStream(content)) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                return new int[] {reader.getWidth(0), reader.getHeight(0)};
            } finally {
                reader.dispose();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("A photo the archive accepted could not be read again", e);
        }
    }

    @Transactional(readOnly = true)
    public List<NodePhoto> ofOrder(long orderId, CurrentUser user) {
        orders.get(orderId, user);
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
