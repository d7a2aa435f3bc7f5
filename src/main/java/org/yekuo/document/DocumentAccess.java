package org.yekuo.document;

import java.time.Instant;

/**
 * One view, download or export of a document, allowed or refused (R-DOC-5).
 *
 * @param refusal why it was refused ({@code document.refusal.<code>}), null when allowed
 */
public record DocumentAccess(long id, Long documentId, String orderNo, String username, String displayName,
        AccessKind kind, boolean allowed, String refusal, String remoteAddress, Instant occurredAt) {
}
