package org.yekuo.collaboration;

import java.time.Instant;

/** One entry of a question's thread: the question, an answer, a reopening with its reason, the acceptance. */
public record QuestionEntry(long id, Kind kind, String body, String author, String authorName, Instant writtenAt) {

    public enum Kind {
        ASKED, ANSWERED, REOPENED, ACCEPTED;

        public String messageKey() {
            return "collaboration.entry." + name();
        }
    }
}
