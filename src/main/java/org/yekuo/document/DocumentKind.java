package org.yekuo.document;

/**
 * What a document is to its order; its label is {@code document.kind.<name>}. Its subject says which one
 * of the kind: a material code for a material, a photo kind for a field photo.
 */
public enum DocumentKind {
    MATERIAL, FIELD_PHOTO;

    public String messageKey() {
        return "document.kind." + name();
    }
}
