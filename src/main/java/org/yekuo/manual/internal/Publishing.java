package org.yekuo.manual.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.yekuo.audit.AuditTrail;
import org.yekuo.catalogue.BusinessTypeDefinition;
import org.yekuo.catalogue.BusinessTypeSummary;
import org.yekuo.catalogue.Catalogue;
import org.yekuo.catalogue.ReviewGuideline;
import org.yekuo.catalogue.ReviewGuidelines;
import org.yekuo.identity.CurrentUser;
import org.yekuo.manual.ChangeEntry;
import org.yekuo.manual.ChangeKind;
import org.yekuo.manual.Draft;
import org.yekuo.manual.Edition;
import org.yekuo.manual.Feedback;
import org.yekuo.manual.ManualAudit;
import org.yekuo.manual.ManualNote;
import org.yekuo.manual.Publication;
import org.yekuo.manual.TypicalCase;
import org.yekuo.manual.internal.ManualRecords.ChapterRow;
import org.yekuo.review.ReviewBoard;
import org.yekuo.review.ReviewBoard.ReviewLine;
import org.yekuo.shared.DomainException;

/**
 * Publishes the next edition: every chapter takes the catalogue and guideline versions in force now; the
 * change log holds what the catalogue, the guidelines and the notes changed since the last edition, the
 * typical review cases marked since (R-REV-6, taken into the appendix) and the editor's own entries, each
 * with its reason and the feedback it answers. All in one transaction with its audit record; nothing of a
 * refused publication is kept.
 */
@Service
public class Publishing {

    static final int SUMMARY_LENGTH = 500;
    static final int ENTRY_LENGTH = 1000;

    private final ManualRecords records;
    private final Catalogue catalogue;
    private final ReviewGuidelines guidelines;
    private final ReviewBoard reviews;
    private final AuditTrail audit;
    private final Clock clock;

    Publishing(ManualRecords records, Catalogue catalogue, ReviewGuidelines guidelines, ReviewBoard reviews, AuditTrail audit,
            Clock clock) {
        this.records = records;
        this.catalogue = catalogue;
        this.guidelines = guidelines;
        this.reviews = reviews;
        this.audit = audit;
        this.clock = clock;
    }

    /** The number the next edition will have. */
    public int nextNumber() {
        return records.latestEdition().orElse(0) + 1;
    }

    /** What publishing now would put into the next edition, besides the editor's own entries. */
    @Transactional(readOnly = true)
    public Draft draft(CurrentUser editor) {
        int next = nextNumber();
        return new Draft(next, derived(next), cases(next, editor), records.openFeedback());
    }

    @Transactional
    public Edition publish(Publication publication, CurrentUser editor) {
        int next = nextNumber();
        String summary = PublicationPolicy.summary(publication.summary());
        List<ChangeEntry> own = PublicationPolicy.entries(publication.entries(), catalogue, records);
        Set<String> material = PublicationPolicy.materialChapters(publication.materialChapters(), catalogue);
        Edition edition = new Edition(next, clock.instant(), editor.username(), summary);
        try {
            records.insertEdition(edition);
        } catch (DuplicateKeyException e) {
            throw DomainException.conflict("manual.publish.concurrent", next);
        }
        for (BusinessTypeSummary type : catalogue.types()) {
            BusinessTypeDefinition definition = catalogue.current(type.code());
            Optional<ReviewGuideline> guideline = guidelines.applicableTo(definition);
            records.insertChapter(new ChapterRow(next, type.code(), definition.version(), guideline.map(ReviewGuideline::code).orElse(null),
                    guideline.map(ReviewGuideline::version).orElse(null), material.contains(type.code())));
        }
        List<ChangeEntry> log = new ArrayList<>(derived(next));
        List<TypicalCase> cases = cases(next, editor);
        if (!cases.isEmpty()) {
            String months = cases.stream().map(c -> YearMonth.from(c.markedAt().atZone(clock.getZone())).toString()).distinct()
                    .collect(Collectors.joining(", "));
            log.add(new ChangeEntry(0, next, ChangeKind.CASES, null, months, null, String.valueOf(cases.size()), null, List.of()));
        }
        log.addAll(own);
        records.insertChanges(next, log);
        records.insertCases(cases);
        Set<Long> answered = own.stream().flatMap(e -> e.answersFeedback().stream()).collect(Collectors.toCollection(LinkedHashSet::new));
        records.answer(answered, next);
        audit.record(ManualAudit.PUBLISHED, "manual-edition", String.valueOf(next), "edition=" + next + " changes=" + log.size()
                + " cases=" + cases.size() + " answered=" + answered.size() + " renewals=" + material.size());
        return edition;
    }

    /** The entries the catalogue, the guidelines and the notes owe the next edition. */
    private List<ChangeEntry> derived(int next) {
        Map<String, ChapterRow> previous = new HashMap<>();
        if (next > 1) {
            records.chapters(next - 1).forEach(r -> previous.put(r.typeCode(), r));
        }
        List<ChangeEntry> entries = new ArrayList<>();
        for (BusinessTypeSummary type : catalogue.types()) {
            BusinessTypeDefinition now = catalogue.current(type.code());
            ReviewGuideline guidelineNow = guidelines.applicableTo(now).orElse(null);
            ChapterRow before = previous.get(type.code());
            if (before == null && next > 1 || before != null && moved(before, now, guidelineNow)) {
                BusinessTypeDefinition then = before == null ? null : catalogue.version(type.code(), before.typeVersion());
                ReviewGuideline guidelineThen = before == null || before.guidelineCode() == null ? null
                        : guidelines.version(before.guidelineCode(), before.guidelineVersion());
                entries.addAll(ChapterDiff.between(then, guidelineThen, now, guidelineNow));
            }
        }
        for (ManualNote note : records.notesAddedIn(next)) {
            entries.add(new ChangeEntry(0, next, ChangeKind.NOTE_ADDED, note.typeCode(), note.nodeCode(), null, note.title(), null, List.of()));
        }
        for (ManualNote note : records.notesRetiredIn(next)) {
            entries.add(new ChangeEntry(0, next, ChangeKind.NOTE_RETIRED, note.typeCode(), note.nodeCode(), note.title(), null, null,
                    List.of()));
        }
        return entries;
    }

    private static boolean moved(ChapterRow before, BusinessTypeDefinition now, ReviewGuideline guidelineNow) {
        return before.typeVersion() != now.version() || guidelineNow != null
                && (!guidelineNow.code().equals(before.guidelineCode()) || !Integer.valueOf(guidelineNow.version()).equals(before.guidelineVersion()));
    }

    /** The typical cases marked since the last edition was published, in the editor's data scope. */
    private List<TypicalCase> cases(int next, CurrentUser editor) {
        Instant since = next > 1 ? records.edition(next - 1).map(Edition::publishedAt).orElseThrow() : null;
        YearMonth to = YearMonth.now(clock);
        // The first edition takes the month before it in as well: cases are collected monthly.
        YearMonth from = since == null ? to.minusMonths(1) : YearMonth.from(since.atZone(clock.getZone()));
        List<TypicalCase> cases = new ArrayList<>();
        for (YearMonth month = from; !month.isAfter(to); month = month.plusMonths(1)) {
            for (ReviewLine line : reviews.typicalCases(month, editor)) {
                if (since == null || line.review().typicalAt().isAfter(since)) {
                    cases.add(new TypicalCase(next, line.orderNo(), line.review().department().name(),
                            line.review().verdict() == null ? null : line.review().verdict().name(), line.review().clauses(),
                            line.review().opinion(), line.review().typicalNote(), line.review().typicalBy(), line.review().typicalAt()));
                }
            }
        }
        return cases;
    }

    /** The open feedback, oldest first: what editors collect for the next edition. */
    @Transactional(readOnly = true)
    public List<Feedback> openFeedback() {
        return records.openFeedback();
    }
}
