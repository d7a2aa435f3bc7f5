package org.yekuo.stock;

import java.math.BigDecimal;
import java.time.Instant;

/** A line of an order's bill of materials: an item of the catalogue and how many the scheme needs. */
public record BomLine(long id, long orderId, StockItem item, BigDecimal quantity, String addedBy, Instant addedAt) {
}
