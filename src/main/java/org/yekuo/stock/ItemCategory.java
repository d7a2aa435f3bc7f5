package org.yekuo.stock;

/** What kind of material an item is; display names are {@code stock.category.<NAME>}. */
public enum ItemCategory {
    METER, CABLE, SWITCHGEAR, TRANSFORMER;

    public String messageKey() {
        return "stock.category." + name();
    }
}
