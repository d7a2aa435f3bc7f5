package org.yekuo.document;

import java.time.Instant;

/**
 * What the security administrator is told of (R-DOC-5): a refused access to a document, or a burst of
 * downloads by one person ({@code accessCount} of them within the configured window).
 */
public record DocumentAlert(long id, Kind kind, String username, String displayName, Long documentId, String orderNo,
        int accessCount, String remoteAddress, Instant raisedAt, String acknowledgedBy, Instant acknowledgedAt) {

    /** Label {@code document.alert.kind.<name>}. */
    public enum Kind {
        REFUSED, BURST;

        public String messageKey() {
            return "document.alert.kind." + name();
        }
    }

    public boolean open() {
        return acknowledgedAt == null;
    }
}
