package org.yekuo.catalogue;

import java.util.Locale;

/** A material with no policy basis: it may never be demanded again (R-MAT-2). */
public record AbolishedMaterial(String code, String nameZh, String nameEn, String reasonZh, String reasonEn) {

    public String name(Locale locale) {
        return "zh".equals(locale.getLanguage()) ? nameZh : nameEn;
    }

    public String reason(Locale locale) {
        return "zh".equals(locale.getLanguage()) ? reasonZh : reasonEn;
    }
}
