package org.yekuo.document;

import java.time.Instant;
import java.util.List;

/**
 * A photo taken at a node of an order (R-COL-1), without its content, with the marks last drawn over it.
 *
 * @param addedByName the display name of the member of staff who took it, or the username when unknown
 * @param digest      SM3 of the original bytes
 * @param documentId  the photo in the order's archive, where it is viewed (watermarked)
 * @param width       the photo's width in pixels, the frame of its marks; null for a photo taken before sizes were kept
 * @param height      the photo's height in pixels
 * @param marks       the marks last saved over it, in its pixels; empty when none
 */
public record NodePhoto(long id, long orderId, String nodeCode, PhotoKind kind, String annotation, String contentType,
        long sizeBytes, String digest, long documentId, String addedBy, String addedByName, Instant addedAt, Integer width,
        Integer height, List<PhotoMark> marks) {

    NodePhoto named(String displayName) {
        return new NodePhoto(id, orderId, nodeCode, kind, annotation, contentType, sizeBytes, digest, documentId, addedBy, displayName,
                addedAt, width, height, marks);
    }

    NodePhoto withMarks(List<PhotoMark> latest) {
        return new NodePhoto(id, orderId, nodeCode, kind, annotation, contentType, sizeBytes, digest, documentId, addedBy, addedByName,
                addedAt, width, height, List.copyOf(latest));
    }

    /** Marks can be drawn over it: its size is known. */
    public boolean markable() {
        return width != null && height != null;
    }

    /** A stroke that reads the same on a small and a large photo: a fixed share of its longer side. */
    public double strokeWidth() {
        return markable() ? Math.max(2, Math.max(width, height) / 160.0) : 2;
    }

    public double fontSize() {
        return markable() ? Math.max(12, Math.max(width, height) / 22.0) : 12;
    }
}
