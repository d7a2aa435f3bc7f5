package org.yekuo.manual;

import java.time.Instant;
import java.util.List;

/**
 * An exam as its taker sees it while it runs: the questions drawn, in order, with their options and points,
 * and never which option is correct.
 */
public record ExamPaper(long id, String typeCode, int edition, Instant startedAt, Instant dueAt, List<PaperQuestion> questions) {

    public ExamPaper {
        questions = List.copyOf(questions);
    }

    /** A question of the paper; {@code options} are the option texts, answered by their index from 0. */
    public record PaperQuestion(int position, QuestionKind kind, String stem, List<String> options, int points) {

        public PaperQuestion {
            options = List.copyOf(options);
        }
    }
}
