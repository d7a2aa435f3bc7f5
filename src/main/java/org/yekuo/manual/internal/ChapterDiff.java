package org.yekuo.manual.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

import org.yekuo.catalogue.BusinessTypeDefinition;
import org.yekuo.catalogue.ChecklistItem;
import org.yekuo.catalogue.GuidelineItem;
import org.yekuo.catalogue.KeyNode;
import org.yekuo.catalogue.NodeDefinition;
import org.yekuo.catalogue.ReviewGuideline;
import org.yekuo.catalogue.Reviewer;
import org.yekuo.catalogue.TimeLimit;
import org.yekuo.manual.ChangeEntry;
import org.yekuo.manual.ChangeKind;

/**
 * The change-log entries a chapter's derived content owes between the catalogue and guideline versions two
 * editions describe: what a reader must learn anew. Every entry is about the type's chapter; figures are
 * kept as codes ({@code 2 WORKING_DAYS}) for the reader's language to word.
 */
public final class ChapterDiff {

    private ChapterDiff() {
    }

    /** A time limit as the change log keeps it: amount and unit. */
    public static String limit(TimeLimit limit) {
        return limit.amount() + " " + limit.unit().name();
    }

    public static List<ChangeEntry> between(BusinessTypeDefinition before, ReviewGuideline guidelineBefore,
            BusinessTypeDefinition after, ReviewGuideline guidelineAfter) {
        String type = after.code();
        List<ChangeEntry> entries = new ArrayList<>();
        if (before == null) {
            entries.add(entry(ChangeKind.CHAPTER_ADDED, type, null, null, "v" + after.version()));
            return entries;
        }
        for (NodeDefinition node : after.nodes()) {
            Optional<TimeLimit> old = before.limitOf(node.node());
            if (old.isEmpty()) {
                entries.add(entry(ChangeKind.NODE_ADDED, type, node.node().name(), null, limit(node.limit())));
            } else if (!limit(old.get()).equals(limit(node.limit()))) {
                entries.add(entry(ChangeKind.TIME_LIMIT, type, node.node().name(), limit(old.get()), limit(node.limit())));
            }
        }
        for (KeyNode node : before.nodeSequence()) {
            if (!after.uses(node)) {
                entries.add(entry(ChangeKind.NODE_REMOVED, type, node.name(), null, null));
            }
        }
        for (ChecklistItem item : after.checklist()) {
            Optional<ChecklistItem> old = before.checklistItem(item.material().code());
            if (old.isEmpty()) {
                entries.add(entry(ChangeKind.MATERIAL_ADDED, type, item.material().code(), null, due(item)));
            } else if (!Objects.equals(due(old.get()), due(item))) {
                entries.add(entry(ChangeKind.MATERIAL_DEFERRAL, type, item.material().code(), due(old.get()), due(item)));
            }
        }
        for (ChecklistItem item : before.checklist()) {
            if (after.checklistItem(item.material().code()).isEmpty()) {
                entries.add(entry(ChangeKind.MATERIAL_REMOVED, type, item.material().code(), due(item), null));
            }
        }
        String reviewersBefore = reviewers(before);
        String reviewersAfter = reviewers(after);
        if (!reviewersBefore.equals(reviewersAfter)) {
            entries.add(entry(ChangeKind.REVIEWERS, type, null, reviewersBefore, reviewersAfter));
        }
        if (guidelineAfter != null && guidelineBefore != null && guidelineBefore.code().equals(guidelineAfter.code())
                && guidelineBefore.version() != guidelineAfter.version()) {
            String versions = guidelineAfter.code() + ":" + guidelineBefore.version() + ":" + guidelineAfter.version();
            for (GuidelineItem item : guidelineAfter.items()) {
                Optional<GuidelineItem> old = guidelineBefore.item(item.clauseNo());
                if (old.isEmpty()) {
                    entries.add(entry(ChangeKind.GUIDELINE_ITEM_ADDED, type, item.clauseNo(), null, versions));
                } else if (!old.get().equals(item)) {
                    entries.add(entry(ChangeKind.GUIDELINE_ITEM_CHANGED, type, item.clauseNo(), null, versions));
                }
            }
            for (GuidelineItem item : guidelineBefore.items()) {
                if (guidelineAfter.item(item.clauseNo()).isEmpty()) {
                    entries.add(entry(ChangeKind.GUIDELINE_ITEM_REMOVED, type, item.clauseNo(), null, versions));
                }
            }
        }
        return entries;
    }

    /** The node a material is due by, or {@code ACCEPTANCE} when it is required at acceptance. */
    private static String due(ChecklistItem item) {
        return item.requiredAtAcceptance() ? KeyNode.ACCEPTANCE.name() : item.deferredUntil().name();
    }

    private static String reviewers(BusinessTypeDefinition type) {
        return type.reviewers().stream().map(Reviewer::department).map(Enum::name).distinct().sorted()
                .collect(Collectors.joining(","));
    }

    private static ChangeEntry entry(ChangeKind kind, String type, String subject, String before, String after) {
        return new ChangeEntry(0, 0, kind, type, subject, before, after, null, List.of());
    }
}
