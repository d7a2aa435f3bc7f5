package org.yekuo.document;

/**
 * What a drawing of the supply scheme shows (R-REV-3): the designer attaches each as a PDF, reviewers read it
 * beside their guideline clauses. Its label is {@code document.drawing.<name>}; a drawing supplied again is
 * the next version of the same kind.
 */
public enum DrawingKind {
    SINGLE_LINE, SITE_LAYOUT, METERING, OTHER;

    public String messageKey() {
        return "document.drawing." + name();
    }
}
