package org.yekuo.stock;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.List;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.yekuo.audit.AuditTrail;
import org.yekuo.identity.CurrentUser;
import org.yekuo.shared.DomainException;

/**
 * Stock levels per warehouse as the materials department sees them, the procurement warnings of levels
 * below their threshold (R-COL-2), and goods received.
 */
@Service
@Transactional(readOnly = true)
public class StockLevels {

    private final StockLedger ledger;
    private final MaterialsCatalogue catalogue;
    private final AuditTrail audit;
    private final Clock clock;

    StockLevels(StockLedger ledger, MaterialsCatalogue catalogue, AuditTrail audit, Clock clock) {
        this.ledger = ledger;
        this.catalogue = catalogue;
        this.audit = audit;
        this.clock = clock;
    }

    /** The levels of the warehouses the reader draws on: those of their unit and below, and those above it. */
    public List<StockLevel> of(CurrentUser user) {
        List<Long> warehouses = catalogue.warehouses(user.scope()).stream().map(Warehouse::id).toList();
        return ledger.levels().stream().filter(l -> warehouses.contains(l.warehouse().id())).toList();
    }

    /** Procurement warnings: levels whose free quantity fell below the threshold. */
    public List<StockLevel> warnings(CurrentUser user) {
        return of(user).stream().filter(StockLevel::low).toList();
    }

    @Transactional
    public void receive(Long warehouseId, String itemCode, BigDecimal quantity, CurrentUser user) {
        if (warehouseId == null) {
            throw DomainException.invalid("warehouseId", "stock.warehouse.required");
        }
        Warehouse warehouse = catalogue.warehouses(user.scope()).stream().filter(w -> w.id() == warehouseId).findFirst()
                .orElseThrow(() -> DomainException.invalid("warehouseId", "stock.warehouse.unknown", warehouseId));
        if (itemCode == null || itemCode.isBlank()) {
            throw DomainException.invalid("itemCode", "stock.bom.item-required");
        }
        StockItem item = catalogue.item(itemCode.strip())
                .orElseThrow(() -> DomainException.invalid("itemCode", "stock.bom.item-unknown", itemCode.strip()));
        BillsOfMaterials.requireQuantity(item, quantity);
        ledger.receive(warehouse.id(), item.id(), quantity.stripTrailingZeros(), user.username(), clock.instant());
        audit.record(StockAudit.RECEIVED, "warehouse", warehouse.code(), "item=" + item.code() + " quantity=" + quantity.toPlainString());
    }
}
