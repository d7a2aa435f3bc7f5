package org.yekuo.manual;

import java.time.Clock;
import java.util.List;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.yekuo.audit.AuditTrail;
import org.yekuo.catalogue.BusinessTypeDefinition;
import org.yekuo.catalogue.Catalogue;
import org.yekuo.catalogue.KeyNode;
import org.yekuo.identity.CurrentUser;
import org.yekuo.manual.internal.ManualRecords;
import org.yekuo.manual.internal.Publishing;
import org.yekuo.shared.DomainException;

/**
 * The editors' side of the manual (administrators and the leader in charge): notes written into the next
 * edition, the open feedback collected for it, and publishing it with its change log (R-STD-1).
 */
@Service
@PreAuthorize("hasAnyRole('ADMIN', 'LEADER')")
public class ManualEditing {

    static final int TITLE_LENGTH = 200;
    static final int BODY_LENGTH = 4000;

    private final Publishing publishing;
    private final ManualRecords records;
    private final Catalogue catalogue;
    private final AuditTrail audit;
    private final Clock clock;

    ManualEditing(Publishing publishing, ManualRecords records, Catalogue catalogue, AuditTrail audit, Clock clock) {
        this.publishing = publishing;
        this.records = records;
        this.catalogue = catalogue;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public Draft draft(CurrentUser editor) {
        return publishing.draft(editor);
    }

    @Transactional(readOnly = true)
    public List<Feedback> openFeedback() {
        return publishing.openFeedback();
    }

    /** The notes the next edition will show in the chapter, drafts included. */
    @Transactional(readOnly = true)
    public List<ManualNote> draftNotes(String typeCode) {
        requireType(typeCode);
        return records.notes(typeCode, publishing.nextNumber());
    }

    @Transactional
    public Edition publish(Publication publication, CurrentUser editor) {
        return publishing.publish(publication, editor);
    }

    /**
     * Writes a note into the next edition: the chapter must exist, the node (if any) be one of its type's,
     * the kind TIP, RULE or EXAMPLE, the title 1 to 200 and the body 1 to 4000 characters.
     */
    @Transactional
    public ManualNote addNote(NoteDraft draft, CurrentUser editor) {
        BusinessTypeDefinition type = requireType(draft.typeCode());
        String node = draft.nodeCode() == null || draft.nodeCode().isBlank() ? null : draft.nodeCode().strip();
        if (node != null && type.nodeSequence().stream().map(KeyNode::name).noneMatch(node::equals)) {
            throw DomainException.invalid("nodeCode", "manual.note.node-unknown", node);
        }
        NoteKind kind;
        try {
            kind = NoteKind.valueOf(draft.kind() == null ? "" : draft.kind().strip());
        } catch (IllegalArgumentException e) {
            throw DomainException.invalid("kind", "manual.note.kind-unknown", draft.kind());
        }
        String title = text(draft.title(), "title", "manual.note.title-invalid", TITLE_LENGTH);
        String body = text(draft.body(), "body", "manual.note.body-invalid", BODY_LENGTH);
        int next = publishing.nextNumber();
        long id = records.insertNote(type.code(), node, kind, title, body, next, editor.username(), clock.instant());
        audit.record(ManualAudit.NOTE_ADDED, "manual-chapter", type.code(), "type=" + type.code() + " edition=" + next);
        return records.note(id).orElseThrow();
    }

    /** Takes a note out of the next edition; a draft nobody has read yet is simply deleted. */
    @Transactional
    public void retireNote(long id, CurrentUser editor) {
        ManualNote note = records.note(id).orElseThrow(() -> DomainException.notFound("manual.note.not-found", id));
        int next = publishing.nextNumber();
        if (note.retiredIn() != null) {
            throw DomainException.conflict("manual.note.retired", id, note.retiredIn());
        }
        if (note.addedIn() >= next) {
            records.deleteNote(id);
        } else {
            records.retireNote(id, next);
        }
        audit.record(ManualAudit.NOTE_RETIRED, "manual-chapter", note.typeCode(), "type=" + note.typeCode() + " edition=" + next);
    }

    private BusinessTypeDefinition requireType(String typeCode) {
        return catalogue.findCurrent(typeCode == null ? "" : typeCode)
                .orElseThrow(() -> DomainException.invalid("typeCode", "manual.chapter.unknown", typeCode));
    }

    private static String text(String value, String field, String key, int max) {
        String text = value == null ? "" : value.strip();
        if (text.isEmpty() || text.length() > max) {
            throw DomainException.invalid(field, key, max);
        }
        return text;
    }
}
