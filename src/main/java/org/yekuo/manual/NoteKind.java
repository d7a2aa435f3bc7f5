package org.yekuo.manual;

/** What an editor's note in a chapter is: a tip for an error-prone step, an excerpt of a rule, a worked example. */
public enum NoteKind {
    TIP, RULE, EXAMPLE;

    public String messageKey() {
        return "manual.note-kind." + name();
    }
}
