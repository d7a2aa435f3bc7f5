package org.yekuo.intake;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The port through which the designer's task page learns what the scheme's review asked to change
 * (R-REV-3, R-REV-4), so that intake knows no opinion or ruling: the module that owns reviews answers.
 */
public interface RevisionNotes {

    /** What the order's latest review round asked the designer to change, or empty when it asked for nothing. */
    Optional<Revision> latest(long orderId, Locale locale);

    /**
     * One round's request for a change: every department's opinion and, where opinions conflicted, the
     * ruling of the leader in charge, which is the one the designer revises against.
     */
    record Revision(int roundNo, List<Note> opinions, Note ruling, String meeting) {
    }

    /**
     * An opinion or a ruling as the designer reads it.
     *
     * @param sourceKey   the message naming the department, or the leader's ruling
     * @param verdictKey  the message naming the verdict
     */
    record Note(String sourceKey, String byName, String verdictKey, List<Clause> clauses, String text, Instant at) {
    }

    /** A guideline clause cited, with its text in the reader's language. */
    record Clause(String clauseNo, String text) {
    }
}
