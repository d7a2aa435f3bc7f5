package org.yekuo.manual;

import java.time.Instant;

/**
 * What people write in a chapter beside what the catalogue says. It shows in the editions from
 * {@code addedIn} until before {@code retiredIn}; one added past the latest edition is a draft of the next.
 *
 * @param nodeCode the stage it belongs to; null for the chapter as a whole
 */
public record ManualNote(long id, String typeCode, String nodeCode, NoteKind kind, String title, String body, int addedIn,
        Integer retiredIn, String writtenBy, Instant writtenAt) {

    public boolean showsIn(int edition) {
        return addedIn <= edition && (retiredIn == null || retiredIn > edition);
    }
}
