package org.yekuo.manual;

import java.time.Instant;
import java.util.List;

/**
 * A submitted exam: the score out of 100, whether it passed (and so certified its taker until
 * {@code certifiedUntil}), and for each question whether it was answered right, with the explanation and the
 * manual section to read again. The options' key is not part of it.
 */
public record ExamResult(long id, String typeCode, int edition, Instant submittedAt, int score, boolean passed, Instant certifiedUntil,
        List<Marked> questions) {

    public ExamResult {
        questions = List.copyOf(questions);
    }

    /** @param section the node of the chapter the question tests; null for the chapter as a whole */
    public record Marked(int position, String stem, boolean correct, String explanation, String section) {
    }
}
