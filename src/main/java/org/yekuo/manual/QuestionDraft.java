package org.yekuo.manual;

import java.util.List;

/**
 * A question an editor adds to a chapter's bank. A single-choice question has 2 to 6 options and exactly one
 * correct; a multiple-choice one 3 to 6 options and at least one correct; a true/false one exactly the options
 * true and false, one correct.
 */
public record QuestionDraft(String typeCode, String nodeCode, String kind, String stem, String explanation, List<OptionDraft> options) {

    public QuestionDraft {
        options = options == null ? List.of() : List.copyOf(options);
    }

    public record OptionDraft(String text, boolean correct) {
    }
}
