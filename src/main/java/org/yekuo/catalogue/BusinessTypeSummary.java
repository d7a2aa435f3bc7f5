package org.yekuo.catalogue;

import java.time.Instant;
import java.util.Locale;

/** A line of the catalogue's list: a business type at its current version. */
public record BusinessTypeSummary(String code, String nameZh, String nameEn, ProcessFamily family, int nodeCount,
        int currentVersion, Instant lastChangedAt) {

    public String name(Locale locale) {
        return "zh".equals(locale.getLanguage()) ? nameZh : nameEn;
    }
}
