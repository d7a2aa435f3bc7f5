package org.yekuo.catalogue;

import java.time.Instant;

/**
 * Who made a version of a business type, when, and what it changed.
 *
 * @param detail a language-neutral summary of the difference to the previous version (codes and figures)
 * @param note   the editor's reason, may be null
 */
public record Revision(String typeCode, int version, String changedBy, Instant changedAt, ChangeKind kind,
        String detail, String note) {
}
