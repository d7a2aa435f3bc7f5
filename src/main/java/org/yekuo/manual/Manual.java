package org.yekuo.manual;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.yekuo.audit.AuditTrail;
import org.yekuo.catalogue.BusinessTypeDefinition;
import org.yekuo.catalogue.BusinessTypeSummary;
import org.yekuo.catalogue.Catalogue;
import org.yekuo.catalogue.ChecklistItem;
import org.yekuo.catalogue.KeyNode;
import org.yekuo.catalogue.Material;
import org.yekuo.catalogue.NodeDefinition;
import org.yekuo.catalogue.ReviewGuideline;
import org.yekuo.catalogue.ReviewGuidelines;
import org.yekuo.identity.CurrentUser;
import org.yekuo.intake.NodeOutputs;
import org.yekuo.manual.internal.ManualRecords;
import org.yekuo.manual.internal.ManualRecords.ChapterRow;
import org.yekuo.shared.DomainException;

/**
 * Reads the manual (R-STD-1) for every member of staff: editions, their chapters rebuilt from the catalogue
 * and guideline versions each edition describes, change logs, the typical-case appendix, search, what
 * changed since a reader last read it, and staff's feedback on a section.
 */
@Service
@Transactional(readOnly = true)
public class Manual {

    static final int FEEDBACK_LENGTH = 2000;

    private final ManualRecords records;
    private final Catalogue catalogue;
    private final ReviewGuidelines guidelines;
    private final AuditTrail audit;
    private final Clock clock;

    Manual(ManualRecords records, Catalogue catalogue, ReviewGuidelines guidelines, AuditTrail audit, Clock clock) {
        this.records = records;
        this.catalogue = catalogue;
        this.guidelines = guidelines;
        this.audit = audit;
        this.clock = clock;
    }

    /** The latest published edition; empty before the first is published. */
    public Optional<Edition> current() {
        return records.latestEdition().flatMap(records::edition);
    }

    /** The edition asked for, or the latest when {@code number} is null; refused when there is none. */
    public Edition edition(Integer number) {
        if (number == null) {
            return current().orElseThrow(() -> DomainException.notFound("manual.edition.none"));
        }
        return records.edition(number).orElseThrow(() -> DomainException.notFound("manual.edition.not-found", number));
    }

    /** Every published edition, newest first. */
    public List<Edition> editions() {
        return records.editions();
    }

    /** The chapters of an edition in catalogue order. */
    public List<Chapter> chapters(int edition) {
        List<ChapterRow> rows = records.chapters(edition);
        List<Chapter> chapters = new ArrayList<>();
        for (BusinessTypeSummary type : catalogue.types()) {
            rows.stream().filter(r -> r.typeCode().equals(type.code())).findFirst().ifPresent(r -> chapters.add(chapter(r)));
        }
        return chapters;
    }

    /** A business type's chapter in the edition asked for (the latest when null). */
    public Chapter chapter(String typeCode, Integer edition) {
        Edition shown = edition(edition);
        return records.chapters(shown.number()).stream().filter(r -> r.typeCode().equals(typeCode)).findFirst()
                .map(this::chapter)
                .orElseThrow(() -> DomainException.notFound("manual.chapter.not-found", typeCode, shown.number()));
    }

    private Chapter chapter(ChapterRow row) {
        BusinessTypeDefinition type = catalogue.version(row.typeCode(), row.typeVersion());
        ReviewGuideline guideline = row.guidelineCode() == null ? null : guidelines.version(row.guidelineCode(), row.guidelineVersion());
        List<ManualNote> notes = records.notes(row.typeCode(), row.edition());
        int current = catalogue.current(row.typeCode()).version();
        return new Chapter(row.edition(), type, guideline, stages(type, notes),
                notes.stream().filter(n -> n.nodeCode() == null).toList(), row.materialChange(),
                current > row.typeVersion() ? current : null);
    }

    /** The type's nodes in order, each with what it takes in, what it must record and its notes. */
    static List<Stage> stages(BusinessTypeDefinition type, List<ManualNote> notes) {
        List<Stage> stages = new ArrayList<>();
        for (NodeDefinition node : type.nodes()) {
            List<Material> inputs = node.node() == KeyNode.ACCEPTANCE
                    ? type.requiredAtAcceptance().stream().map(ChecklistItem::material).toList()
                    : type.dueBy(node.node()).stream().map(ChecklistItem::material).toList();
            stages.add(new Stage(node, inputs, NodeOutputs.requiredFields(node.node().name()),
                    notes.stream().filter(n -> node.node().name().equals(n.nodeCode())).toList()));
        }
        return stages;
    }

    /** The change log of one edition, in its order. */
    public List<ChangeEntry> changes(int edition) {
        return records.changes(edition, edition);
    }

    /** Typical review cases of the edition's appendix: those it and the editions before it took in. */
    public List<TypicalCase> appendix(int edition) {
        return records.casesUpTo(edition);
    }

    /**
     * What the reader has not yet seen: the edition they last marked as read (empty if never) and the change
     * logs of every edition published since, newest first.
     */
    public Reading reading(CurrentUser reader) {
        Optional<Integer> last = records.lastRead(reader.username());
        int latest = records.latestEdition().orElse(0);
        int from = last.map(n -> n + 1).orElse(1);
        return new Reading(last.orElse(null), latest, from > latest ? List.of() : records.changes(from, latest));
    }

    /** The edition the reader has read, remembered so that later changes are pointed out to them. */
    @Transactional
    public void markRead(CurrentUser reader, int edition) {
        edition(edition);
        records.markRead(reader.username(), edition, clock.instant());
    }

    /**
     * Feedback on a section of a chapter of the latest edition: {@code section} is a node of the chapter or
     * {@link Feedback#GENERAL}; the text is 1 to 2000 characters.
     */
    @Transactional
    public Feedback leaveFeedback(String typeCode, String section, String body, CurrentUser author) {
        Chapter chapter = chapter(typeCode, null);
        String where = section == null || section.isBlank() ? Feedback.GENERAL : section.trim();
        if (!Feedback.GENERAL.equals(where) && chapter.stages().stream().noneMatch(s -> s.node().node().name().equals(where))) {
            throw DomainException.invalid("section", "manual.feedback.section-unknown", where);
        }
        String text = body == null ? "" : body.strip();
        if (text.isEmpty() || text.length() > FEEDBACK_LENGTH) {
            throw DomainException.invalid("body", "manual.feedback.body-invalid", FEEDBACK_LENGTH);
        }
        long id = records.insertFeedback(chapter.edition(), typeCode, where, text, author.username(), clock.instant());
        audit.record(ManualAudit.FEEDBACK_LEFT, "manual-chapter", typeCode, "type=" + typeCode + " feedback=" + id
                + (Feedback.GENERAL.equals(where) ? "" : " node=" + where));
        return records.feedback(List.of(id)).get(0);
    }

    /** The reader's own feedback, newest first, each saying whether an edition has answered it. */
    public List<Feedback> feedbackOf(CurrentUser author) {
        return records.feedbackBy(author.username());
    }

    /** What changed for a reader since the edition they last read. */
    public record Reading(Integer lastRead, int latest, List<ChangeEntry> changes) {

        public boolean behind() {
            return lastRead == null ? latest > 0 : lastRead < latest;
        }
    }
}
