package org.yekuo.document;

import java.time.Instant;
import java.util.List;

/**
 * The marks over a photo as last saved (R-COL-1); version 0 with no marks when nobody has marked it. Coordinates are
 * pixels of the photo's {@code width} × {@code height}.
 *
 * @param markedByName the display name of who saved them, or the username when unknown
 */
public record PhotoMarking(long photoId, int version, int width, int height, List<PhotoMark> marks, String markedBy,
        String markedByName, Instant markedAt) {
}
