package org.yekuo.stock;

/** How an item is counted; display names are {@code stock.unit.<NAME>}. Only metres come in fractions. */
public enum ItemUnit {
    PIECE, SET, METRE;

    public String messageKey() {
        return "stock.unit." + name();
    }

    public boolean whole() {
        return this != METRE;
    }
}
