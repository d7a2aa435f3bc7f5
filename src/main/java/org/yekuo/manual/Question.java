package org.yekuo.manual;

import java.util.List;

/**
 * A question of a chapter's bank with its answer key, as editors see it (exam takers never do): the stem,
 * the options with which are correct, the explanation and the manual section it tests.
 *
 * @param nodeCode the stage of the chapter it tests; null for the chapter as a whole
 */
public record Question(long id, String typeCode, String nodeCode, QuestionKind kind, String stem, String explanation,
        List<Option> options, boolean active) {

    public Question {
        options = List.copyOf(options);
    }

    public record Option(int position, String text, boolean correct) {
    }
}
