package org.yekuo.stock;

import java.math.BigDecimal;

/**
 * How much of an item a warehouse holds, how much of it is reserved for orders, and the threshold below
 * which the materials department is warned to procure (R-COL-2).
 */
public record StockLevel(Warehouse warehouse, StockItem item, BigDecimal onHand, BigDecimal reserved, BigDecimal threshold) {

    public BigDecimal available() {
        return onHand.subtract(reserved);
    }

    /** A procurement warning: what is free for new orders has fallen below the threshold. */
    public boolean low() {
        return available().compareTo(threshold) < 0;
    }
}
