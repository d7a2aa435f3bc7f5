package org.yekuo.document;

/**
 * What a document is to its order; its label is {@code document.kind.<name>}. Its subject says which one
 * of the kind: a material code for a material, a photo kind for a field photo, and for a record the product
 * issues and signs ({@link SignedRecords}) which record it is.
 */
public enum DocumentKind {
    MATERIAL, FIELD_PHOTO, RECORD, SCHEME_DRAWING;

    public String messageKey() {
        return "document.kind." + name();
    }
}
