package org.yekuo.catalogue;

import java.time.Instant;

/**
 * Who made a version of a review guideline, when, and what it changed.
 *
 * @param detail a language-neutral summary of the difference to the previous version (clause numbers and codes)
 * @param note   the editor's reason, may be null
 */
public record GuidelineRevision(String guidelineCode, int version, String changedBy, Instant changedAt,
        GuidelineChange kind, String detail, String note) {
}
