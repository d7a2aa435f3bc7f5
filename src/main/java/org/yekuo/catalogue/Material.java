package org.yekuo.catalogue;

import java.util.Locale;

/**
 * A kind of application material. A subject qualification (ID card, business licence) is what an
 * application is accepted with under one-certificate start, so it can never be deferred.
 */
public record Material(String code, String nameZh, String nameEn, boolean subjectQualification) {

    public String name(Locale locale) {
        return "zh".equals(locale.getLanguage()) ? nameZh : nameEn;
    }
}
