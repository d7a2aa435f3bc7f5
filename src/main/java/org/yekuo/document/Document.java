package org.yekuo.document;

import java.time.Instant;

/**
 * One version of a document of an order, without its content.
 *
 * @param subject     which one of its kind: a material code, a photo kind
 * @param version     1 for the first file of its kind and subject; a re-supplied file is the next
 * @param nodeCode    the node the order was at when the file arrived, when known
 * @param digest      SM3 of the original bytes
 * @param addedByName the display name of who added it, or the username when unknown
 */
public record Document(long id, long orderId, String orderNo, DocumentKind kind, String subject, int version,
        String nodeCode, String fileName, String contentType, long sizeBytes, String digest, String addedBy,
        String addedByName, Instant addedAt) {

    public FileType fileType() {
        return FileType.ofContentType(contentType);
    }

    public Document named(String displayName) {
        return new Document(id, orderId, orderNo, kind, subject, version, nodeCode, fileName, contentType, sizeBytes,
                digest, addedBy, displayName, addedAt);
    }
}
