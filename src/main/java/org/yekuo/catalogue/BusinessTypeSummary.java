package org.yekuo.catalogue;

import java.time.Instant;

/**
 * A line of the catalogue's list: a business type at its current version; {@code onlineCapable} says whether an
 * applicant may apply for it from their phone without visiting a counter.
 */
public record BusinessTypeSummary(String code, String nameZh, String nameEn, ProcessFamily family, int nodeCount,
        int currentVersion, Instant lastChangedAt, boolean onlineCapable) {
}
