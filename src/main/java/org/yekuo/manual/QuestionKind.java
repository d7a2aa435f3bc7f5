package org.yekuo.manual;

/** How a question is answered: one option, one or more options, or true/false (two options). */
public enum QuestionKind {
    SINGLE, MULTIPLE, TRUE_FALSE;

    public String messageKey() {
        return "manual.question-kind." + name();
    }
}
