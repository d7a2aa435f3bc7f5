package org.yekuo.catalogue.internal;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.yekuo.audit.AuditTrail;
import org.yekuo.catalogue.GuidelineChange;
import org.yekuo.catalogue.GuidelineItem;
import org.yekuo.catalogue.GuidelineRevision;
import org.yekuo.catalogue.ReviewGuideline;
import org.yekuo.catalogue.ReviewGuidelines;
import org.yekuo.identity.CurrentUsers;
import org.yekuo.shared.DomainException;

/**
 * Administrators' edits of a review guideline (R-REV-2): change an item's texts or department, add an
 * item, retire an item. Each edit names the version it is based on and writes the next version in
 * full, with its audit record, in one transaction; an edit based on a version that is no longer current
 * is refused as a conflict.
 */
@Service
@PreAuthorize("hasRole('ADMIN')")
public class GuidelineEditing {

    private final ReviewGuidelines reader;
    private final Guidelines guidelines;
    private final AuditTrail audit;
    private final CurrentUsers users;
    private final Clock clock;

    GuidelineEditing(ReviewGuidelines reader, Guidelines guidelines, AuditTrail audit, CurrentUsers users, Clock clock) {
        this.reader = reader;
        this.guidelines = guidelines;
        this.audit = audit;
        this.users = users;
        this.clock = clock;
    }

    @Transactional
    public ReviewGuideline changeItem(String code, String clauseNo, GuidelineEdits.ItemEdit edit) {
        ReviewGuideline base = based(code, edit.baseVersion());
        GuidelineItem before = GuidelinePolicy.onGuideline(base, clauseNo);
        GuidelineItem after = GuidelinePolicy.changed(before, edit.textZh(), edit.textEn(), edit.department());
        List<GuidelineItem> items = base.items().stream().map(i -> i == before ? after : i).toList();
        return commit(base, items, GuidelineChange.ITEM_CHANGED, describe(before, after), edit.reason());
    }

    @Transactional
    public ReviewGuideline addItem(String code, GuidelineEdits.ItemAddition edit) {
        ReviewGuideline base = based(code, edit.baseVersion());
        GuidelineItem added = GuidelinePolicy.added(base, guidelines.clausesEverUsed(code), edit.clauseNo(),
                edit.textZh(), edit.textEn(), edit.department());
        List<GuidelineItem> items = new ArrayList<>(base.items());
        items.add(added);
        return commit(base, items, GuidelineChange.ITEM_ADDED, "+ " + added.clauseNo() + " " + added.department(),
                edit.reason());
    }

    @Transactional
    public ReviewGuideline retireItem(String code, String clauseNo, Integer baseVersion, String reason) {
        ReviewGuideline base = based(code, baseVersion);
        GuidelineItem retired = GuidelinePolicy.onGuideline(base, clauseNo);
        return commit(base, GuidelinePolicy.retire(base, clauseNo), GuidelineChange.ITEM_RETIRED,
                "- " + retired.clauseNo() + " " + retired.department(), reason);
    }

    /** The current version, provided the edit is based on it. */
    private ReviewGuideline based(String code, Integer baseVersion) {
        ReviewGuideline current = reader.current(code);
        if (baseVersion == null) {
            throw DomainException.invalid("baseVersion", "catalogue.guideline.base-version-required",
                    String.valueOf(current.version()));
        }
        if (baseVersion != current.version()) {
            throw stale(code, baseVersion, current.version());
        }
        return current;
    }

    private ReviewGuideline commit(ReviewGuideline base, List<GuidelineItem> items, GuidelineChange kind,
            String detail, String reason) {
        String note = Inputs.note("reason", reason);
        if (!guidelines.advance(base.code(), base.version())) {
            // Another edit became current between reading and writing.
            throw stale(base.code(), base.version(), guidelines.currentVersion(base.code()).orElseThrow());
        }
        ReviewGuideline next = new ReviewGuideline(base.code(), base.version() + 1, base.nameZh(), base.nameEn(), items);
        guidelines.insert(next, new GuidelineRevision(next.code(), next.version(), users.require().username(),
                clock.instant().truncatedTo(ChronoUnit.MILLIS), kind, detail, note));
        audit.record(CatalogueAudit.of(kind),
                "review-guideline", next.code(), "version " + next.version() + ": " + detail);
        return next;
    }

    private static DomainException stale(String code, int baseVersion, int currentVersion) {
        return DomainException.conflict("catalogue.guideline.version-stale", code, String.valueOf(baseVersion),
                String.valueOf(currentVersion));
    }

    /** Which parts of the item changed: the department with its old and new value, the texts by name. */
    private static String describe(GuidelineItem before, GuidelineItem after) {
        List<String> parts = new ArrayList<>();
        if (before.department() != after.department()) {
            parts.add("department " + before.department() + " -> " + after.department());
        }
        if (!before.textZh().equals(after.textZh())) {
            parts.add("textZh");
        }
        if (!before.textEn().equals(after.textEn())) {
            parts.add("textEn");
        }
        return before.clauseNo() + ": " + String.join(", ", parts);
    }
}
