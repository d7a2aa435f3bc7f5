package org.yekuo.stock;

import java.util.Locale;

/** An item of the materials catalogue: a meter type, a cable by its spec, switchgear, a transformer. */
public record StockItem(long id, String code, ItemCategory category, String nameZh, String nameEn, String spec, ItemUnit unit) {

    public String name(Locale locale) {
        return "zh".equals(locale.getLanguage()) ? nameZh : nameEn;
    }
}
