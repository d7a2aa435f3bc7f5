package org.yekuo.intake;

import java.time.Instant;

/**
 * A photo taken at a node of an order (R-COL-1), without its content.
 *
 * @param addedByName the display name of the member of staff who took it, or the username when unknown
 * @param digest      SM3 of the original bytes
 * @param documentId  the photo in the order's archive, where it is viewed (watermarked)
 */
public record NodePhoto(long id, long orderId, String nodeCode, PhotoKind kind, String annotation, String contentType,
        long sizeBytes, String digest, long documentId, String addedBy, String addedByName, Instant addedAt) {

    NodePhoto named(String displayName) {
        return new NodePhoto(id, orderId, nodeCode, kind, annotation, contentType, sizeBytes, digest, documentId, addedBy, displayName,
                addedAt);
    }
}
