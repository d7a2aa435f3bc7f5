package org.yekuo.stock;

import java.util.Locale;

/** A warehouse of the company or of a supply station; {@code orgPath} is the unit that keeps it. */
public record Warehouse(long id, String code, String nameZh, String nameEn, Kind kind, String orgPath) {

    public enum Kind {
        COMPANY, STATION
    }

    public String name(Locale locale) {
        return "zh".equals(locale.getLanguage()) ? nameZh : nameEn;
    }
}
