package org.yekuo.collaboration;

import java.time.Instant;

/**
 * One entry of a question's thread: the question, an answer, a reopening with its reason, the acceptance; the
 * question, an answer and a reopening may carry a file ({@code attachment}, else null).
 */
public record QuestionEntry(long id, Kind kind, String body, String author, String authorName, Instant writtenAt,
        QuestionAttachment attachment) {

    public enum Kind {
        ASKED, ANSWERED, REOPENED, ACCEPTED;

        public String messageKey() {
            return "collaboration.entry." + name();
        }
    }
}
