package org.yekuo.document;

/**
 * How a document was reached: shown in the viewer, downloaded (both watermarked), or exported as the
 * original bytes, which only the archive office may do. Label {@code document.access.<name>}.
 */
public enum AccessKind {
    VIEW, DOWNLOAD, ORIGINAL;

    public String messageKey() {
        return "document.access." + name();
    }
}
