package org.yekuo.document;

/**
 * What a document is to its order; its label is {@code document.kind.<name>}. Its subject says which one
 * of the kind: a material code for a material, a photo kind for a field photo, and for a record the product
 * issues and signs ({@link SignedRecords}) which record it is, and for a coordination attachment the question.
 */
public enum DocumentKind {
    MATERIAL, FIELD_PHOTO, RECORD, SCHEME_DRAWING, COORDINATION;

    /**
     * Whether the module that owns the document's context may also let readers outside the order's scope open it
     * ({@link Documents#openInContext}): a coordination question is seen by the department asked, wherever the order lies.
     */
    public boolean decidedByContext() {
        return this == COORDINATION;
    }

    public String messageKey() {
        return "document.kind." + name();
    }
}
