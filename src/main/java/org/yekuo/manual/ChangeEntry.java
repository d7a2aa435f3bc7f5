package org.yekuo.manual;

import java.util.List;

/**
 * One entry of an edition's change log: what changed (kind, chapter, subject, before and after), why, and
 * the feedback it answers. Codes stay codes here; pages and the book word them in the reader's language.
 *
 * @param typeCode the chapter; null for an entry about the whole manual
 */
public record ChangeEntry(long id, int edition, ChangeKind kind, String typeCode, String subject, String before, String after,
        String reason, List<Long> answersFeedback) {

    public ChangeEntry {
        answersFeedback = List.copyOf(answersFeedback);
    }
}
