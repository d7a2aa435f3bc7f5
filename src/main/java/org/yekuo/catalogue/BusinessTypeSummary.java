package org.yekuo.catalogue;

import java.time.Instant;

/** A line of the catalogue's list: a business type at its current version. */
public record BusinessTypeSummary(String code, String nameZh, String nameEn, ProcessFamily family, int nodeCount,
        int currentVersion, Instant lastChangedAt) {
}
