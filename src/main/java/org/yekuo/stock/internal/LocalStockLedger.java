package org.yekuo.stock.internal;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.yekuo.shared.DomainException;
import org.yekuo.stock.StockLedger;
import org.yekuo.stock.StockLevel;

/**
 * The built-in stock ledger on the product's own tables. A reservation is a conditional update of the
 * level row ({@code reserved + q <= on_hand}): the database's row lock makes a second order wait and
 * then see the first one's reservation, so the last unit goes to one order only. Rows are taken in
 * item order so that two orders reserving the same items cannot deadlock.
 */
@Component
@Transactional(propagation = Propagation.MANDATORY)
class LocalStockLedger implements StockLedger {

    private final JdbcClient jdbc;

    LocalStockLedger(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    @Transactional(readOnly = true, propagation = Propagation.SUPPORTS)
    public List<StockLevel> levels() {
        return jdbc.sql("""
                select w.id, w.code, w.name_zh, w.name_en, w.kind, w.org_path,
                       i.id, i.code, i.category, i.name_zh, i.name_en, i.spec, i.unit,
                       l.on_hand, l.reserved, l.threshold
                from stock_level l join stock_warehouse w on w.id = l.warehouse_id join stock_item i on i.id = l.item_id
                order by w.kind, w.code, i.category, i.code""")
                .query((rs, n) -> new StockLevel(StockRows.warehouse(rs, 1), StockRows.item(rs, 7), rs.getBigDecimal(14), rs.getBigDecimal(15),
                        rs.getBigDecimal(16)))
                .list();
    }

    @Override
    public List<Shortage> reserve(long orderId, long warehouseId, List<Demand> demands, Instant at) {
        List<Demand> ordered = demands.stream().sorted(Comparator.comparingLong(Demand::itemId)).toList();
        List<Demand> taken = new ArrayList<>();
        List<Shortage> short_ = new ArrayList<>();
        for (Demand d : ordered) {
            int updated = jdbc.sql("update stock_level set reserved = reserved + :q"
                    + " where warehouse_id = :w and item_id = :i and on_hand - reserved >= :q")
                    .param("q", d.quantity()).param("w", warehouseId).param("i", d.itemId()).update();
            if (updated == 1) {
                taken.add(d);
            } else {
                short_.add(new Shortage(d.itemId(), d.quantity(), available(warehouseId, d.itemId())));
            }
        }
        if (!short_.isEmpty()) {
            // All or none: give back what this call took, in the same transaction.
            for (Demand d : taken) {
                jdbc.sql("update stock_level set reserved = reserved - :q where warehouse_id = :w and item_id = :i")
                        .param("q", d.quantity()).param("w", warehouseId).param("i", d.itemId()).update();
            }
            return List.copyOf(short_);
        }
        for (Demand d : ordered) {
            jdbc.sql("insert into stock_reservation (request_id, order_id, warehouse_id, item_id, quantity, reserved_at)"
                    + " values ((select id from stock_request where order_id = :o), :o, :w, :i, :q, :at)")
                    .param("o", orderId).param("w", warehouseId).param("i", d.itemId()).param("q", d.quantity())
                    .param("at", Timestamp.from(at)).update();
        }
        return List.of();
    }

    private BigDecimal available(long warehouseId, long itemId) {
        return jdbc.sql("select on_hand - reserved from stock_level where warehouse_id = ? and item_id = ?")
                .params(warehouseId, itemId).query(BigDecimal.class).optional().orElse(BigDecimal.ZERO);
    }

    @Override
    public void issue(long orderId, String by, Instant at) {
        List<Reservation> open = reservations(orderId).stream().filter(r -> r.issued().compareTo(r.quantity()) < 0).toList();
        if (open.isEmpty()) {
            throw DomainException.conflict("stock.issue.nothing-reserved");
        }
        for (Reservation r : open) {
            BigDecimal q = r.quantity().subtract(r.issued());
            int updated = jdbc.sql("update stock_level set on_hand = on_hand - :q, reserved = reserved - :q"
                    + " where warehouse_id = :w and item_id = :i and reserved >= :q")
                    .param("q", q).param("w", r.warehouseId()).param("i", r.itemId()).update();
            if (updated != 1) {
                throw DomainException.conflict("stock.issue.more-than-reserved");
            }
            jdbc.sql("update stock_reservation set issued = quantity where order_id = ? and warehouse_id = ? and item_id = ?")
                    .params(orderId, r.warehouseId(), r.itemId()).update();
            movement(r.warehouseId(), r.itemId(), orderId, "ISSUE", q, by, at);
        }
    }

    @Override
    public void release(long orderId, Instant at) {
        for (Reservation r : reservations(orderId)) {
            BigDecimal open = r.quantity().subtract(r.issued());
            if (open.signum() > 0 && r.issued().signum() == 0) {
                jdbc.sql("update stock_level set reserved = reserved - ? where warehouse_id = ? and item_id = ?")
                        .params(open, r.warehouseId(), r.itemId()).update();
                jdbc.sql("delete from stock_reservation where order_id = ? and warehouse_id = ? and item_id = ? and issued = 0")
                        .params(orderId, r.warehouseId(), r.itemId()).update();
            }
        }
    }

    @Override
    public BigDecimal unreserve(long orderId, long itemId, BigDecimal quantity, Instant at) {
        record Open(long id, long warehouseId, BigDecimal quantity, BigDecimal issued) {
        }
        // The newest reservations first: what was taken last for the order is the first to go back.
        List<Open> open = jdbc.sql("select id, warehouse_id, quantity, issued from stock_reservation"
                        + " where order_id = ? and item_id = ? and quantity > issued order by id desc for update")
                .params(orderId, itemId).query(Open.class).list();
        BigDecimal left = quantity;
        for (Open r : open) {
            if (left.signum() <= 0) {
                break;
            }
            BigDecimal take = r.quantity().subtract(r.issued()).min(left);
            jdbc.sql("update stock_level set reserved = reserved - ? where warehouse_id = ? and item_id = ?")
                    .params(take, r.warehouseId(), itemId).update();
            if (r.quantity().compareTo(take) == 0) {
                jdbc.sql("delete from stock_reservation where id = ?").param(r.id()).update();
            } else {
                jdbc.sql("update stock_reservation set quantity = quantity - ? where id = ?").params(take, r.id()).update();
            }
            left = left.subtract(take);
        }
        return left.max(BigDecimal.ZERO);
    }

    @Override
    public void returned(long orderId, long itemId, BigDecimal quantity, String by, Instant at) {
        record Issued(long id, long warehouseId, BigDecimal quantity, BigDecimal issued) {
        }
        List<Issued> issued = jdbc.sql("select id, warehouse_id, quantity, issued from stock_reservation"
                        + " where order_id = ? and item_id = ? and issued > 0 order by id desc for update")
                .params(orderId, itemId).query(Issued.class).list();
        BigDecimal left = quantity;
        for (Issued r : issued) {
            if (left.signum() <= 0) {
                break;
            }
            BigDecimal back = r.issued().min(left);
            jdbc.sql("update stock_level set on_hand = on_hand + ? where warehouse_id = ? and item_id = ?")
                    .params(back, r.warehouseId(), itemId).update();
            if (r.quantity().compareTo(back) == 0) {
                jdbc.sql("delete from stock_reservation where id = ?").param(r.id()).update();
            } else {
                jdbc.sql("update stock_reservation set quantity = quantity - ?, issued = issued - ? where id = ?")
                        .params(back, back, r.id()).update();
            }
            movement(r.warehouseId(), itemId, orderId, "RETURN", back, by, at);
            left = left.subtract(back);
        }
        if (left.signum() > 0) {
            throw DomainException.conflict("stock.return.more-than-issued");
        }
    }

    @Override
    public void receive(long warehouseId, long itemId, BigDecimal quantity, String by, Instant at) {
        int updated = jdbc.sql("update stock_level set on_hand = on_hand + ? where warehouse_id = ? and item_id = ?")
                .params(quantity, warehouseId, itemId).update();
        if (updated == 0) {
            jdbc.sql("insert into stock_level (warehouse_id, item_id, on_hand) values (?, ?, ?)")
                    .params(warehouseId, itemId, quantity).update();
        }
        movement(warehouseId, itemId, null, "RECEIPT", quantity, by, at);
    }

    @Override
    @Transactional(readOnly = true, propagation = Propagation.SUPPORTS)
    public List<Reservation> reservations(long orderId) {
        return jdbc.sql("select warehouse_id, item_id, quantity, issued from stock_reservation where order_id = ? order by item_id")
                .param(orderId)
                .query((rs, n) -> new Reservation(rs.getLong(1), rs.getLong(2), rs.getBigDecimal(3), rs.getBigDecimal(4)))
                .list();
    }

    private void movement(long warehouseId, long itemId, Long orderId, String kind, BigDecimal quantity, String by, Instant at) {
        jdbc.sql("insert into stock_movement (warehouse_id, item_id, order_id, kind, quantity, moved_at, moved_by)"
                + " values (?, ?, ?, ?, ?, ?, ?)")
                .params(warehouseId, itemId, orderId, kind, quantity, Timestamp.from(at), by).update();
    }
}
