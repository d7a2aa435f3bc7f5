package org.yekuo.document;

import org.yekuo.audit.AuditAction;

/** What the document archive records in the audit log. */
public enum DocumentAudit implements AuditAction {

    ADDED("document.added"),
    ALERT_ACKNOWLEDGED("document.alert-acknowledged"),
    DOWNLOAD("document.download"),
    HAND_SIGNED("document.hand-signed"),
    ORIGINAL("document.original"),
    RECORD_ISSUED("document.record-issued"),
    REFUSED("document.refused"),
    UPLOAD_REFUSED("document.upload-refused"),
    VIEW("document.view"),
    PHOTO_ADDED("photo.added"),
    PHOTO_MARKED("photo.marked"),
    SCHEME_DRAWING_ADDED("scheme.drawing-added");

    private final String code;

    DocumentAudit(String code) {
        this.code = code;
    }

    @Override
    public String code() {
        return code;
    }

    /** The action that records an allowed access of this kind. */
    public static DocumentAudit accessed(AccessKind kind) {
        return switch (kind) {
            case VIEW -> VIEW;
            case DOWNLOAD -> DOWNLOAD;
            case ORIGINAL -> ORIGINAL;
        };
    }
}
