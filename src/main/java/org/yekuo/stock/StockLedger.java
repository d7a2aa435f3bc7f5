package org.yekuo.stock;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * The stock ledger: levels, reservations for orders, issues and receipts. The built-in ledger is the
 * local adapter; a utility with an ERP puts its adapter here instead, and the rest of the module (the
 * bill of materials, the clerk's deadlines, the pages) stays as it is.
 */
public interface StockLedger {

    List<StockLevel> levels();

    /**
     * Reserves every demand of an order from one warehouse, all or none: either each is reserved and the
     * answer is empty, or nothing is reserved and the answer names what is short. Two orders asking for
     * the last unit at once cannot both get it.
     */
    List<Shortage> reserve(long orderId, long warehouseId, List<Demand> demands, Instant at);

    /** Issues everything reserved for the order (at supply works); refuses what was never reserved. */
    void issue(long orderId, String by, Instant at);

    /** Gives back to free stock whatever is reserved for the order and not yet issued (the order was withdrawn). */
    void release(long orderId, Instant at);

    /**
     * Gives back to free stock up to {@code quantity} of an item reserved for the order and not yet issued (its bill was
     * revised to need less); answers the part of {@code quantity} that was already issued and so could not be given back.
     */
    BigDecimal unreserve(long orderId, long itemId, BigDecimal quantity, Instant at);

    /**
     * Issued goods of an order come back to the warehouses they were issued from (a revised bill needs fewer): the
     * order holds {@code quantity} less of the item, the warehouses that much more.
     */
    void returned(long orderId, long itemId, BigDecimal quantity, String by, Instant at);

    /** Goods received into a warehouse. */
    void receive(long warehouseId, long itemId, BigDecimal quantity, String by, Instant at);

    /** What is reserved for an order, line by line. */
    List<Reservation> reservations(long orderId);

    record Demand(long itemId, BigDecimal quantity) {
    }

    record Shortage(long itemId, BigDecimal needed, BigDecimal available) {
    }

    record Reservation(long warehouseId, long itemId, BigDecimal quantity, BigDecimal issued) {
    }
}
