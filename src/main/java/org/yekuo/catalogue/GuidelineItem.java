package org.yekuo.catalogue;

import java.util.Locale;
import java.util.Objects;

/**
 * One check item of a review guideline. Its clause number is what an opinion cites; the department
 * is the only one that reviews it (R-REV-2).
 */
public record GuidelineItem(String clauseNo, String textZh, String textEn, Department department) {

    public GuidelineItem {
        Objects.requireNonNull(clauseNo, "clauseNo");
        Objects.requireNonNull(department, "department");
    }

    public String text(Locale locale) {
        return "zh".equals(locale.getLanguage()) ? textZh : textEn;
    }
}
