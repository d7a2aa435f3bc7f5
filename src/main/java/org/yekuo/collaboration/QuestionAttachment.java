package org.yekuo.collaboration;

/** A file attached to an entry of a question's thread, kept in the order's archive as {@code documentId}. */
public record QuestionAttachment(long questionId, long entryId, long documentId, String fileName, String contentType, long sizeBytes) {

    /** The size as people read it: KB below a megabyte, MB above. */
    public String size() {
        return sizeBytes < 1024 * 1024 ? Math.max(1, sizeBytes / 1024) + " KB" : String.format("%.1f MB", sizeBytes / 1024.0 / 1024.0);
    }
}
