package org.yekuo.stock;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.yekuo.audit.AuditTrail;
import org.yekuo.catalogue.KeyNode;
import org.yekuo.identity.CurrentUser;
import org.yekuo.intake.Application;
import org.yekuo.intake.Orders;
import org.yekuo.shared.DomainException;
import org.yekuo.stock.internal.StockRows;
import org.yekuo.workflow.OpenNodes;
import org.yekuo.workflow.TaskId;
import org.yekuo.workflow.WorkItem;

/**
 * The bill of materials of an order's scheme (R-COL-2): the designer sets it while holding the scheme
 * design node; once the scheme is approved it is pushed to stock. A scheme sent back for redesign after that
 * has its bill changed here too; when the revised scheme is approved again, {@link StockRequests} brings the
 * request at stock in line with it.
 */
@Service
@Transactional(readOnly = true)
public class BillsOfMaterials {

    /** No real order needs more of one item; a larger number is a typing slip. */
    static final BigDecimal MAX_QUANTITY = new BigDecimal("100000");

    private final JdbcClient jdbc;
    private final MaterialsCatalogue catalogue;
    private final OpenNodes nodes;
    private final Orders orders;
    private final AuditTrail audit;
    private final Clock clock;

    BillsOfMaterials(JdbcClient jdbc, MaterialsCatalogue catalogue, OpenNodes nodes, Orders orders, AuditTrail audit,
            Clock clock) {
        this.jdbc = jdbc;
        this.catalogue = catalogue;
        this.nodes = nodes;
        this.orders = orders;
        this.audit = audit;
        this.clock = clock;
    }

    /** The order's lines as a member of staff in whose scope the order lies sees them. */
    public List<BomLine> of(long orderId, CurrentUser user) {
        requireInScope(orderId, user);
        return of(orderId);
    }

    /** The order's lines, for modules that react to the order's events rather than to a reader. */
    public List<BomLine> of(long orderId) {
        return jdbc.sql("select b.id, b.order_id, " + StockRows.ITEM + ", b.quantity, b.added_by, b.added_at"
                        + " from stock_bom_line b join stock_item i on i.id = b.item_id where b.order_id = ? order by i.category, i.code")
                .param(orderId)
                .query((rs, n) -> new BomLine(rs.getLong(1), rs.getLong(2), StockRows.item(rs, 3), rs.getBigDecimal(10),
                        rs.getString(11), rs.getTimestamp(12).toInstant()))
                .list();
    }

    /** The design node the designer holds, for the page; refuses any other node or a node not signed for by them. */
    public WorkItem designTask(String taskId, CurrentUser user) {
        WorkItem item = nodes.openItem(new TaskId(taskId));
        if (!KeyNode.SCHEME_DESIGN.name().equals(item.nodeCode())) {
            throw DomainException.conflict("stock.bom.not-design");
        }
        OpenNodes.requireSignedFor(item, user);
        return item;
    }

    /** Sets how many of an item the scheme needs (a second entry of the same item replaces the first). */
    @Transactional
    public BomLine set(String taskId, String itemCode, BigDecimal quantity, CurrentUser user) {
        WorkItem task = designTask(taskId, user);
        StockItem item = requireItem(itemCode);
        requireQuantity(item, quantity);
        BigDecimal q = quantity.stripTrailingZeros();
        int updated = jdbc.sql("update stock_bom_line set quantity = ?, added_by = ?, added_at = ? where order_id = ? and item_id = ?")
                .params(q, user.username(), Timestamp.from(clock.instant()), task.orderId().value(), item.id()).update();
        Application order = orders.find(task.orderId().value()).orElseThrow(() -> DomainException.notFound("stock.order.not-found", task.orderId().value()));
        if (updated == 0) {
            jdbc.sql("insert into stock_bom_line (order_id, org_path, item_id, quantity, added_by, added_at) values (?, ?, ?, ?, ?, ?)")
                    .params(task.orderId().value(), order.orgPath(), item.id(), q, user.username(), Timestamp.from(clock.instant())).update();
        }
        audit.record(StockAudit.BOM_LINE_SET, "application", order.orderNo(), "item=" + item.code() + " quantity=" + q.toPlainString());
        return of(task.orderId().value()).stream().filter(l -> l.item().id() == item.id()).findFirst().orElseThrow();
    }

    @Transactional
    public void remove(String taskId, long lineId, CurrentUser user) {
        WorkItem task = designTask(taskId, user);
        String code = of(task.orderId().value()).stream().filter(l -> l.id() == lineId).map(l -> l.item().code()).findFirst()
                .orElseThrow(() -> DomainException.notFound("stock.bom.line-not-found", lineId));
        jdbc.sql("delete from stock_bom_line where id = ? and order_id = ?").params(lineId, task.orderId().value()).update();
        audit.record(StockAudit.BOM_LINE_REMOVED, "application", orderNo(task.orderId().value()), "item=" + code);
    }

    StockItem requireItem(String itemCode) {
        if (itemCode == null || itemCode.isBlank()) {
            throw DomainException.invalid("itemCode", "stock.bom.item-required");
        }
        return catalogue.item(itemCode.strip())
                .orElseThrow(() -> DomainException.invalid("itemCode", "stock.bom.item-unknown", itemCode.strip()));
    }

    static void requireQuantity(StockItem item, BigDecimal quantity) {
        if (quantity == null || quantity.signum() <= 0) {
            throw DomainException.invalid("quantity", "stock.bom.quantity-positive");
        }
        if (quantity.compareTo(MAX_QUANTITY) > 0) {
            throw DomainException.invalid("quantity", "stock.bom.quantity-too-large", MAX_QUANTITY.toPlainString());
        }
        if (item.unit().whole() && quantity.stripTrailingZeros().scale() > 0) {
            throw DomainException.invalid("quantity", "stock.bom.quantity-whole");
        }
        if (quantity.stripTrailingZeros().scale() > 2) {
            throw DomainException.invalid("quantity", "stock.bom.quantity-precision");
        }
    }

    private void requireInScope(long orderId, CurrentUser user) {
        Application order = orders.find(orderId).orElseThrow(() -> DomainException.notFound("stock.order.not-found", orderId));
        if (!user.scope().includes(order.orgPath())) {
            throw DomainException.notFound("stock.order.not-found", orderId);
        }
    }

    private String orderNo(long orderId) {
        return orders.find(orderId).map(Application::orderNo).orElse(String.valueOf(orderId));
    }
}
