package org.yekuo.manual;

import java.time.Instant;

/**
 * A member of staff's feedback on a section of a chapter, left while reading {@code edition}.
 *
 * @param section    a node code of the chapter, or {@link #GENERAL}
 * @param answeredIn the edition whose change log answers it; null while open
 */
public record Feedback(long id, int edition, String typeCode, String section, String body, String writtenBy, Instant writtenAt,
        Integer answeredIn) {

    public static final String GENERAL = "GENERAL";

    public boolean open() {
        return answeredIn == null;
    }
}
