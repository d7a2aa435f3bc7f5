package org.yekuo.manual.internal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.yekuo.catalogue.Catalogue;
import org.yekuo.manual.ChangeEntry;
import org.yekuo.manual.ChangeKind;
import org.yekuo.manual.Feedback;
import org.yekuo.manual.Publication;
import org.yekuo.shared.DomainException;

/**
 * What an edition needs before it is published: a summary, a change log of the editor's own (at least one
 * entry, each saying what changed and why, 1 to 1000 characters each), feedback it answers that exists and is
 * still open, and chapters that exist.
 */
final class PublicationPolicy {

    private PublicationPolicy() {
    }

    static String summary(String summary) {
        String text = summary == null ? "" : summary.strip();
        if (text.isEmpty() || text.length() > Publishing.SUMMARY_LENGTH) {
            throw DomainException.invalid("summary", "manual.publish.summary", Publishing.SUMMARY_LENGTH);
        }
        return text;
    }

    static List<ChangeEntry> entries(List<Publication.Entry> entries, Catalogue catalogue, ManualRecords records) {
        List<Publication.Entry> filled = entries.stream()
                .filter(e -> !blank(e.text()) || !blank(e.reason()) || !e.answersFeedback().isEmpty()).toList();
        if (filled.isEmpty()) {
            throw DomainException.invalid("entries", "manual.publish.change-log-required");
        }
        List<ChangeEntry> own = new ArrayList<>();
        for (int i = 0; i < filled.size(); i++) {
            Publication.Entry entry = filled.get(i);
            String field = "entries[" + i + "]";
            String text = entry.text() == null ? "" : entry.text().strip();
            String reason = entry.reason() == null ? "" : entry.reason().strip();
            if (text.isEmpty() || text.length() > Publishing.ENTRY_LENGTH) {
                throw DomainException.invalid(field + ".text", "manual.publish.entry-text", i + 1, Publishing.ENTRY_LENGTH);
            }
            if (reason.isEmpty() || reason.length() > Publishing.ENTRY_LENGTH) {
                throw DomainException.invalid(field + ".reason", "manual.publish.entry-reason", i + 1, Publishing.ENTRY_LENGTH);
            }
            String type = blank(entry.typeCode()) ? null : entry.typeCode().strip();
            if (type != null && catalogue.findCurrent(type).isEmpty()) {
                throw DomainException.invalid(field + ".typeCode", "manual.chapter.unknown", type);
            }
            List<Feedback> found = records.feedback(entry.answersFeedback());
            for (Long id : entry.answersFeedback()) {
                Feedback feedback = found.stream().filter(f -> f.id() == id).findFirst()
                        .orElseThrow(() -> DomainException.invalid(field + ".answersFeedback", "manual.publish.feedback-unknown", id));
                if (!feedback.open()) {
                    throw DomainException.invalid(field + ".answersFeedback", "manual.publish.feedback-answered", id,
                            feedback.answeredIn());
                }
            }
            own.add(new ChangeEntry(0, 0, ChangeKind.EDITOR, type, null, null, text, reason, entry.answersFeedback()));
        }
        return own;
    }

    static Set<String> materialChapters(List<String> codes, Catalogue catalogue) {
        Set<String> chapters = new LinkedHashSet<>();
        for (String code : codes) {
            if (blank(code)) {
                continue;
            }
            if (catalogue.findCurrent(code.strip()).isEmpty()) {
                throw DomainException.invalid("materialChapters", "manual.chapter.unknown", code);
            }
            chapters.add(code.strip());
        }
        return chapters;
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }
}
