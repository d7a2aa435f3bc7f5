package org.yekuo.stock;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.context.event.EventListener;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.yekuo.audit.AuditTrail;
import org.yekuo.catalogue.KeyNode;
import org.yekuo.deadline.DelayCategory;
import org.yekuo.identity.CurrentUser;
import org.yekuo.shared.DomainException;
import org.yekuo.workflow.NodeReached;
import org.yekuo.workflow.ProcessCancelled;
import org.yekuo.workflow.StepClock;
import org.yekuo.workflow.CompletionGate;
import org.yekuo.workflow.StepClocks;

/**
 * Bills of materials at stock (R-COL-2): pushed when the order reaches its first node after the scheme's
 * approval, confirmed by the materials clerk within 2 working hours (every line reserved for the order
 * from one warehouse), or, when something is short, an alternative proposed within 4; issued to the
 * order's works. A bill revised with its scheme after that changes the request in one go ({@link #on(NodeReached)}):
 * what is no longer needed goes back to free stock, what is new or more is asked for again (the confirmation and its 2
 * working hours start again, for those lines only), what was issued beyond the new bill is to come back, and the clerk
 * is shown what changed.
 */
@Service
@Transactional(readOnly = true)
public class StockRequests {

    /** Nodes up to the scheme's approval: reaching any later node means the scheme stands. */
    static final Set<String> BEFORE_APPROVAL = Set.of(KeyNode.ACCEPTANCE.name(), KeyNode.SITE_SURVEY.name(),
            KeyNode.SCHEME_DESIGN.name(), KeyNode.SCHEME_REVIEW.name());

    private static final String COLUMNS = "id, order_id, order_no, org_path, status, pushed_at, confirm_yellow_at, confirm_due_at,"
            + " alternative_yellow_at, alternative_due_at, warehouse_id, checked_at, checked_by, shortage, alternative_at,"
            + " alternative_by, alternative_note, reserved_at, issued_at, issued_by, locked_at, delay_category, delay_reason,"
            + " explained_by, explained_at";

    /** The kinds of step clock of the clerk's two steps. */
    static final String CONFIRM_CLOCK = "STOCK_CONFIRM";
    static final String ALTERNATIVE_CLOCK = "STOCK_ALTERNATIVE";

    private final JdbcClient jdbc;
    private final BillsOfMaterials boms;
    private final MaterialsCatalogue catalogue;
    private final StockLedger ledger;
    private final StockStepDeadlines deadlines;
    private final StepClocks clocks;
    /** Asked before a step changes the request: a scheme changed since the clerk checked stock is acknowledged first. */
    private final ObjectProvider<CompletionGate> gates;
    private final AuditTrail audit;
    private final Clock clock;

    StockRequests(JdbcClient jdbc, BillsOfMaterials boms, MaterialsCatalogue catalogue, StockLedger ledger,
            StockStepDeadlines deadlines, StepClocks clocks, ObjectProvider<CompletionGate> gates, AuditTrail audit, Clock clock) {
        this.clocks = clocks;
        this.gates = gates;
        this.jdbc = jdbc;
        this.boms = boms;
        this.catalogue = catalogue;
        this.ledger = ledger;
        this.deadlines = deadlines;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Pushes the bill of materials once, in the engine's transaction, when the approved scheme moves on; on every later
     * node, brings a request whose bill was revised since in line with it.
     */
    @EventListener
    @Transactional
    void on(NodeReached node) {
        if (BEFORE_APPROVAL.contains(node.nodeCode()) || node.orderNo() == null) {
            return;
        }
        Optional<StockRequest> existing = find(node.orderId().value());
        if (existing.isPresent()) {
            revise(existing.get().orderId(), node.reachedAt());
            return;
        }
        if (boms.of(node.orderId().value()).isEmpty()) {
            return;
        }
        StockStepDeadlines.Steps steps = deadlines.from(node.reachedAt());
        jdbc.sql("""
                insert into stock_request (order_id, order_no, org_path, status, pushed_at, confirm_yellow_at, confirm_due_at,
                                           alternative_yellow_at, alternative_due_at)
                values (?, ?, ?, 'PENDING', ?, ?, ?, ?, ?)""")
                .params(node.orderId().value(), node.orderNo(), node.orgPath(), ts(node.reachedAt()), ts(steps.confirmYellowAt()),
                        ts(steps.confirmDueAt()), ts(steps.alternativeYellowAt()), ts(steps.alternativeDueAt()))
                .update();
        long id = find(node.orderId().value()).orElseThrow().id();
        replaceLines(id, boms.of(node.orderId().value()));
        clocks.start(new StepClock(CONFIRM_CLOCK, id, steps.confirmYellowAt(), steps.confirmDueAt(),
                deadlines.escalateAt(steps.confirmDueAt())));
        audit.record(StockAudit.REQUEST_PUSHED, "application", node.orderNo(), "confirmDue=" + steps.confirmDueAt());
    }

    /** A withdrawn order's bill no longer counts: reservations go back to free stock and its clocks stop. */
    @EventListener
    @Transactional
    void on(ProcessCancelled cancelled) {
        Optional<StockRequest> request = find(cancelled.orderId().value());
        if (request.isEmpty()) {
            jdbc.sql("delete from stock_bom_line where order_id = ?").param(cancelled.orderId().value()).update();
            return;
        }
        StockRequest r = request.get();
        if (r.status() == StockRequest.Status.ISSUED || r.status() == StockRequest.Status.CANCELLED) {
            return;
        }
        ledger.release(r.orderId(), cancelled.cancelledAt());
        jdbc.sql("update stock_request set status = 'CANCELLED', cancelled_at = ? where id = ?")
                .params(ts(cancelled.cancelledAt()), r.id()).update();
        clocks.stop(CONFIRM_CLOCK, r.id());
        clocks.stop(ALTERNATIVE_CLOCK, r.id());
        audit.record(StockAudit.REQUEST_CANCELLED, "application", r.orderNo(), "reason=" + cancelled.reason());
    }

    public Optional<StockRequest> find(long orderId) {
        return jdbc.sql("select " + COLUMNS + " from stock_request where order_id = ?").param(orderId).query(this::row).optional();
    }

    /** The request of an order in the reader's scope. */
    public StockRequest get(long orderId, CurrentUser user) {
        return find(orderId).filter(r -> user.scope().includes(r.orgPath()))
                .orElseThrow(() -> DomainException.notFound("stock.request.not-found", orderId));
    }

    /** Requests of the reader's scope still waiting for the clerk or for issue, the most urgent first. */
    public List<StockRequest> open(CurrentUser user) {
        return jdbc.sql("select " + COLUMNS + " from stock_request where status in ('PENDING', 'SHORT', 'RESERVED') and org_path like ?"
                        + " order by case status when 'SHORT' then alternative_due_at when 'PENDING' then confirm_due_at"
                        + " else pushed_at end, id")
                .param(user.scope().likePattern()).query(this::row).list();
    }

    /**
     * The clerk checks stock: every line is reserved from {@code warehouseId}, or nothing is and the
     * request is marked short with what is missing, for an alternative.
     */
    @Transactional
    public List<Shortfall> confirm(long orderId, Long warehouseId, CurrentUser user) {
        StockRequest request = lockForChange(orderId, user, StockRequest.Status.PENDING);
        Warehouse warehouse = requireWarehouse(warehouseId, user);
        List<BomLine> lines = boms.of(orderId);
        List<StockLedger.Shortage> shortages = ledger.reserve(orderId, warehouse.id(), outstanding(orderId, lines), clock.instant());
        Instant now = clock.instant();
        clocks.stop(CONFIRM_CLOCK, request.id());
        if (shortages.isEmpty()) {
            jdbc.sql("update stock_request set status = 'RESERVED', warehouse_id = ?, checked_at = ?, checked_by = ?, reserved_at = ?"
                    + " where id = ?").params(warehouse.id(), ts(now), user.username(), ts(now), request.id()).update();
            audit.record(StockAudit.REQUEST_RESERVED, "application", request.orderNo(), "warehouse=" + warehouse.code());
            return List.of();
        }
        List<Shortfall> shortfalls = shortfalls(lines, shortages);
        jdbc.sql("update stock_request set status = 'SHORT', warehouse_id = ?, checked_at = ?, checked_by = ?, shortage = ? where id = ?")
                .params(warehouse.id(), ts(now), user.username(), encode(shortfalls), request.id()).update();
        clocks.start(new StepClock(ALTERNATIVE_CLOCK, request.id(), later(request.alternativeYellowAt(), now),
                later(request.alternativeDueAt(), now), deadlines.escalateAt(later(request.alternativeDueAt(), now))));
        audit.record(StockAudit.REQUEST_SHORT, "application", request.orderNo(), "warehouse=" + warehouse.code() + " short=" + encode(shortfalls));
        return shortfalls;
    }

    /**
     * For a short request: each short item replaced by an alternative of the catalogue, with a note saying
     * why it serves, and the whole bill reserved at once; refused, with nothing changed, when the
     * alternative is short too.
     */
    @Transactional
    public void proposeAlternative(long orderId, Alternative alternative, CurrentUser user) {
        StockRequest request = lockForChange(orderId, user, StockRequest.Status.SHORT);
        if (alternative == null || alternative.substitutions() == null || alternative.substitutions().isEmpty()) {
            throw DomainException.invalid("substitutions", "stock.alternative.none");
        }
        if (alternative.note() == null || alternative.note().isBlank() || alternative.note().strip().length() > 500) {
            throw DomainException.invalid("note", "stock.alternative.note-required");
        }
        Warehouse warehouse = requireWarehouse(alternative.warehouseId() != null ? alternative.warehouseId() : request.warehouseId(), user);
        Map<String, BomLine> lines = boms.of(orderId).stream().collect(Collectors.toMap(l -> l.item().code(), Function.identity()));
        for (int i = 0; i < alternative.substitutions().size(); i++) {
            Substitution s = alternative.substitutions().get(i);
            String prefix = "substitutions[" + i + "].";
            BomLine replaced = s == null || s.replaces() == null ? null : lines.get(s.replaces().strip());
            if (replaced == null) {
                throw DomainException.invalid(prefix + "replaces", "stock.alternative.not-on-bill", s == null ? "" : String.valueOf(s.replaces()));
            }
            StockItem item;
            try {
                item = boms.requireItem(s.itemCode());
            } catch (DomainException e) {
                throw DomainException.invalid(prefix + "itemCode", e.messageKey(), e.arguments());
            }
            try {
                BillsOfMaterials.requireQuantity(item, s.quantity());
            } catch (DomainException e) {
                throw DomainException.invalid(prefix + "quantity", e.messageKey(), e.arguments());
            }
            jdbc.sql("delete from stock_bom_line where id = ?").param(replaced.id()).update();
            // Whatever of the replaced item a revision had already reserved goes back; what was issued is to come back.
            BigDecimal held = held(orderId, replaced.item().id());
            if (held.signum() > 0) {
                ledger.unreserve(orderId, replaced.item().id(), held, clock.instant());
            }
            BigDecimal q = s.quantity().stripTrailingZeros();
            int merged = jdbc.sql("update stock_bom_line set quantity = quantity + ? where order_id = ? and item_id = ?")
                    .params(q, orderId, item.id()).update();
            if (merged == 0) {
                jdbc.sql("insert into stock_bom_line (order_id, org_path, item_id, quantity, added_by, added_at) values (?, ?, ?, ?, ?, ?)")
                        .params(orderId, request.orgPath(), item.id(), q, user.username(), ts(clock.instant())).update();
            }
            lines.remove(replaced.item().code());
        }
        List<BomLine> bill = boms.of(orderId);
        List<StockLedger.Shortage> shortages = ledger.reserve(orderId, warehouse.id(), outstanding(orderId, bill), clock.instant());
        if (!shortages.isEmpty()) {
            // Rolls back the substitutions too: the request stays short as it was.
            List<Shortfall> shortfalls = shortfalls(bill, shortages);
            throw DomainException.conflict("stock.alternative.still-short", shortfalls.stream()
                    .map(f -> f.item().code() + " " + f.needed().toPlainString() + "/" + f.available().toPlainString())
                    .collect(Collectors.joining(", ")));
        }
        Instant now = clock.instant();
        jdbc.sql("update stock_request set status = 'RESERVED', warehouse_id = ?, alternative_at = ?, alternative_by = ?,"
                + " alternative_note = ?, reserved_at = ? where id = ?")
                .params(warehouse.id(), ts(now), user.username(), alternative.note().strip(), ts(now), request.id()).update();
        replaceLines(request.id(), bill);
        clocks.stop(ALTERNATIVE_CLOCK, request.id());
        audit.record(StockAudit.REQUEST_ALTERNATIVE, "application", request.orderNo(), "warehouse=" + warehouse.code() + " substitutions="
                + alternative.substitutions().stream().map(s -> s.replaces() + "->" + s.itemCode() + "x" + s.quantity()).toList());
    }

    /**
     * The clerk explains why a step went overdue (a delay category and what happened); the request stays
     * locked until the leader in charge accepts it, as for a node (R-SLA-4).
     */
    @Transactional
    public void explain(long orderId, String category, String reason, CurrentUser user) {
        StockRequest request = locked(orderId, user);
        if (request.explainedAt() != null) {
            throw DomainException.conflict("stock.lock.already-explained");
        }
        DelayCategory delay = java.util.Arrays.stream(DelayCategory.values()).filter(c -> c.name().equals(category)).findFirst()
                .orElseThrow(() -> DomainException.invalid("category", "stock.lock.category-required"));
        if (reason == null || reason.strip().length() < 5 || reason.strip().length() > 500) {
            throw DomainException.invalid("reason", "stock.lock.reason-required");
        }
        jdbc.sql("update stock_request set delay_category = ?, delay_reason = ?, explained_by = ?, explained_at = ? where id = ?")
                .params(delay.name(), reason.strip(), user.username(), ts(clock.instant()), request.id()).update();
        audit.record(StockAudit.LOCK_EXPLAINED, "application", request.orderNo(), "category=" + delay.name() + " reason=" + reason.strip());
    }

    /** The leader in charge accepts the explanation: the clerk may act on the request again. */
    @Transactional
    public void unlock(long orderId, CurrentUser user) {
        StockRequest request = locked(orderId, user);
        if (request.explainedAt() == null) {
            throw DomainException.conflict("stock.lock.not-explained");
        }
        jdbc.sql("update stock_request set locked_at = null, unlocked_by = ?, unlocked_at = ? where id = ?")
                .params(user.username(), ts(clock.instant()), request.id()).update();
        audit.record(StockAudit.LOCK_UNLOCKED, "application", request.orderNo(), "category=" + request.delayCategory());
    }

    private StockRequest locked(long orderId, CurrentUser user) {
        StockRequest request = jdbc.sql("select " + COLUMNS + " from stock_request where order_id = ? for update").param(orderId)
                .query(this::row).optional().filter(r -> user.scope().includes(r.orgPath()))
                .orElseThrow(() -> DomainException.notFound("stock.request.not-found", orderId));
        if (!request.locked()) {
            throw DomainException.conflict("stock.lock.not-locked");
        }
        return request;
    }

    /** Issues the reserved items to the order's works. */
    @Transactional
    public void issue(long orderId, CurrentUser user) {
        StockRequest request = lockForChange(orderId, user, StockRequest.Status.RESERVED);
        ledger.issue(orderId, user.username(), clock.instant());
        jdbc.sql("update stock_request set status = 'ISSUED', issued_at = ?, issued_by = ? where id = ?")
                .params(ts(clock.instant()), user.username(), request.id()).update();
        audit.record(StockAudit.REQUEST_ISSUED, "application", request.orderNo(), "by=" + user.username());
    }

    /**
     * What of each item the order holds beyond its revised bill: issued before the bill was cut, to be returned to stock.
     * Item id to quantity; empty when nothing is to come back.
     */
    public Map<Long, BigDecimal> toReturn(long orderId) {
        Map<Long, BigDecimal> held = new LinkedHashMap<>();
        ledger.reservations(orderId).forEach(r -> held.merge(r.itemId(), r.quantity(), BigDecimal::add));
        Map<Long, BigDecimal> bill = new LinkedHashMap<>();
        boms.of(orderId).forEach(l -> bill.put(l.item().id(), l.quantity()));
        Map<Long, BigDecimal> excess = new LinkedHashMap<>();
        held.forEach((item, quantity) -> {
            BigDecimal over = quantity.subtract(bill.getOrDefault(item, BigDecimal.ZERO));
            if (over.signum() > 0) {
                excess.put(item, over);
            }
        });
        return excess;
    }

    /** The clerk records that an item issued beyond the revised bill came back to stock, all of it at once. */
    @Transactional
    public void receiveReturn(long orderId, String itemCode, CurrentUser user) {
        StockRequest request = jdbc.sql("select " + COLUMNS + " from stock_request where order_id = ? for update").param(orderId)
                .query(this::row).optional().filter(r -> user.scope().includes(r.orgPath()))
                .orElseThrow(() -> DomainException.notFound("stock.request.not-found", orderId));
        StockItem item = itemCode == null || itemCode.isBlank() ? null : catalogue.itemByCode(itemCode.strip()).orElse(null);
        BigDecimal quantity = item == null ? null : toReturn(orderId).get(item.id());
        if (quantity == null) {
            throw DomainException.invalid("itemCode", "stock.return.nothing", itemCode == null ? "" : itemCode.strip());
        }
        ledger.returned(orderId, item.id(), quantity, user.username(), clock.instant());
        audit.record(StockAudit.REQUEST_RETURNED, "application", request.orderNo(), "item=" + item.code() + " quantity="
                + quantity.stripTrailingZeros().toPlainString());
    }

    /** The shortfalls recorded when stock was checked. */
    public List<Shortfall> shortfalls(StockRequest request) {
        if (request.shortage() == null || request.shortage().isBlank()) {
            return List.of();
        }
        List<Shortfall> result = new ArrayList<>();
        for (String part : request.shortage().split(";")) {
            String[] f = part.split(":");
            catalogue.item(f[0]).ifPresent(item -> result.add(new Shortfall(item, new BigDecimal(f[1]), new BigDecimal(f[2]))));
        }
        return result;
    }

    private StockRequest lockForChange(long orderId, CurrentUser user, StockRequest.Status expected) {
        // The row lock serialises two clerks acting on the same request; the second sees the first's outcome.
        StockRequest request = jdbc.sql("select " + COLUMNS + " from stock_request where order_id = ? for update").param(orderId)
                .query(this::row).optional().filter(r -> user.scope().includes(r.orgPath()))
                .orElseThrow(() -> DomainException.notFound("stock.request.not-found", orderId));
        if (request.status() != expected) {
            throw DomainException.conflict("stock.request.wrong-status",
                    new org.springframework.context.support.DefaultMessageSourceResolvable(request.status().messageKey()));
        }
        if (request.locked()) {
            throw DomainException.conflict("stock.request.locked");
        }
        gates.orderedStream().forEach(gate -> gate.requireClear(orderId, user));
        return request;
    }

    private Warehouse requireWarehouse(Long warehouseId, CurrentUser user) {
        if (warehouseId == null) {
            throw DomainException.invalid("warehouseId", "stock.warehouse.required");
        }
        return catalogue.warehouses(user.scope()).stream().filter(w -> w.id() == warehouseId).findFirst()
                .orElseThrow(() -> DomainException.invalid("warehouseId", "stock.warehouse.unknown", warehouseId));
    }

    /**
     * Brings the request in line with a revised bill, all in the caller's transaction (R-COL-2, R-COL-7). A bill equal to
     * the lines stock was last asked for changes nothing, so the same revision arriving twice acts once.
     */
    void revise(long orderId, Instant at) {
        StockRequest request = jdbc.sql("select " + COLUMNS + " from stock_request where order_id = ? for update").param(orderId)
                .query(this::row).single();
        if (request.status() == StockRequest.Status.CANCELLED) {
            return;
        }
        Map<Long, BigDecimal> before = requestLines(request.id());
        List<BomLine> bill = boms.of(orderId);
        Map<Long, BigDecimal> after = new LinkedHashMap<>();
        bill.forEach(l -> after.put(l.item().id(), l.quantity()));
        TreeSet<Long> items = new TreeSet<>(before.keySet());
        items.addAll(after.keySet());
        items.removeIf(item -> before.containsKey(item) && after.containsKey(item) && before.get(item).compareTo(after.get(item)) == 0);
        if (items.isEmpty()) {
            return;
        }
        long change = insertChange(request.id(), at);
        List<String> added = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        List<String> changed = new ArrayList<>();
        List<String> returns = new ArrayList<>();
        for (long item : items) {
            BigDecimal was = before.get(item);
            BigDecimal is = after.get(item);
            BigDecimal wanted = is == null ? BigDecimal.ZERO : is;
            BigDecimal held = held(orderId, item);
            BigDecimal released = BigDecimal.ZERO;
            BigDecimal toReturn = BigDecimal.ZERO;
            if (held.compareTo(wanted) > 0) {
                BigDecimal excess = held.subtract(wanted);
                toReturn = ledger.unreserve(orderId, item, excess, at);
                released = excess.subtract(toReturn);
            }
            BigDecimal requested = wanted.subtract(held(orderId, item)).max(BigDecimal.ZERO);
            jdbc.sql("insert into stock_request_change_line (change_id, item_id, before_qty, after_qty, released, requested, to_return)"
                    + " values (?, ?, ?, ?, ?, ?, ?)").params(change, item, was, is, released, requested, toReturn).update();
            String code = catalogue.itemById(item).map(StockItem::code).orElse(String.valueOf(item));
            (was == null ? added : is == null ? removed : changed).add(code + (is == null ? "" : "x" + is.stripTrailingZeros().toPlainString()));
            if (toReturn.signum() > 0) {
                returns.add(code + "x" + toReturn.stripTrailingZeros().toPlainString());
            }
        }
        replaceLines(request.id(), bill);
        boolean more = !outstanding(orderId, bill).isEmpty();
        clocks.stop(CONFIRM_CLOCK, request.id());
        clocks.stop(ALTERNATIVE_CLOCK, request.id());
        String detail = "added=" + added + " removed=" + removed + " changed=" + changed + " toReturn=" + returns;
        if (more) {
            // New or more items wait for the clerk's confirmation again, with its own 2 working hours from now.
            StockStepDeadlines.Steps steps = deadlines.from(at);
            jdbc.sql("""
                    update stock_request set status = 'PENDING', shortage = null, confirm_yellow_at = ?, confirm_due_at = ?,
                        alternative_yellow_at = ?, alternative_due_at = ?, confirm_reminded_at = null, confirm_overdue_at = null,
                        confirm_escalated_at = null, alternative_reminded_at = null, alternative_overdue_at = null,
                        alternative_escalated_at = null where id = ?""")
                    .params(ts(steps.confirmYellowAt()), ts(steps.confirmDueAt()), ts(steps.alternativeYellowAt()),
                            ts(steps.alternativeDueAt()), request.id()).update();
            clocks.start(new StepClock(CONFIRM_CLOCK, request.id(), steps.confirmYellowAt(), steps.confirmDueAt(),
                    deadlines.escalateAt(steps.confirmDueAt())));
            detail += " confirmDue=" + steps.confirmDueAt();
        } else {
            // Nothing more to ask for: the request stands where its reservations are.
            List<StockLedger.Reservation> reservations = ledger.reservations(orderId);
            String status = reservations.stream().anyMatch(r -> r.issued().compareTo(r.quantity()) < 0) ? "RESERVED"
                    : reservations.isEmpty() ? (bill.isEmpty() ? "CANCELLED" : "PENDING") : "ISSUED";
            jdbc.sql("update stock_request set status = ?, shortage = null where id = ?").params(status, request.id()).update();
        }
        audit.record(StockAudit.REQUEST_REVISED, "application", request.orderNo(), detail);
    }

    /** What each revision of the bill did to the request, newest first, for the clerk. */
    public List<Revision> revisions(StockRequest request) {
        Map<Long, List<RevisedLine>> lines = new LinkedHashMap<>();
        jdbc.sql("""
                select l.change_id, l.item_id, l.before_qty, l.after_qty, l.released, l.requested, l.to_return
                from stock_request_change_line l join stock_request_change c on c.id = l.change_id
                where c.request_id = ? order by l.change_id, l.item_id""").param(request.id())
                .query((rs, n) -> {
                    StockItem item = catalogue.itemById(rs.getLong(2)).orElseThrow();
                    return Map.entry(rs.getLong(1), new RevisedLine(item, rs.getBigDecimal(3), rs.getBigDecimal(4), rs.getBigDecimal(5),
                            rs.getBigDecimal(6), rs.getBigDecimal(7)));
                }).list()
                .forEach(e -> lines.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
        return jdbc.sql("select id, changed_at from stock_request_change where request_id = ? order by id desc").param(request.id())
                .query((rs, n) -> new Revision(rs.getLong(1), rs.getTimestamp(2).toInstant(), lines.getOrDefault(rs.getLong(1), List.of())))
                .list();
    }

    /** Which of {@code requests} had their bill revised after the push, to be marked on the clerk's list. */
    public Set<Long> revised(List<StockRequest> requests) {
        if (requests.isEmpty()) {
            return Set.of();
        }
        return Set.copyOf(jdbc.sql("select distinct request_id from stock_request_change where request_id in (:ids)")
                .param("ids", requests.stream().map(StockRequest::id).toList()).query(Long.class).list());
    }

    private long insertChange(long requestId, Instant at) {
        org.springframework.jdbc.support.GeneratedKeyHolder keys = new org.springframework.jdbc.support.GeneratedKeyHolder();
        jdbc.sql("insert into stock_request_change (request_id, changed_at) values (?, ?)").params(requestId, ts(at)).update(keys, "id");
        return ((Number) keys.getKeys().get("id")).longValue();
    }

    private Map<Long, BigDecimal> requestLines(long requestId) {
        Map<Long, BigDecimal> lines = new LinkedHashMap<>();
        jdbc.sql("select item_id, quantity from stock_request_line where request_id = ?").param(requestId)
                .query((rs, n) -> lines.put(rs.getLong(1), rs.getBigDecimal(2))).list();
        return lines;
    }

    /** The lines stock is now asked for: the bill as it stands. */
    private void replaceLines(long requestId, List<BomLine> bill) {
        jdbc.sql("delete from stock_request_line where request_id = ?").param(requestId).update();
        bill.forEach(l -> jdbc.sql("insert into stock_request_line (request_id, item_id, quantity) values (?, ?, ?)")
                .params(requestId, l.item().id(), l.quantity()).update());
    }

    /** How much of an item the order holds at stock: reserved for it, issued or not. */
    private BigDecimal held(long orderId, long itemId) {
        return ledger.reservations(orderId).stream().filter(r -> r.itemId() == itemId).map(StockLedger.Reservation::quantity)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /** What the bill needs beyond what the order already holds at stock: all of it at first, only the new or more after a revision. */
    private List<StockLedger.Demand> outstanding(long orderId, List<BomLine> lines) {
        Map<Long, BigDecimal> held = new LinkedHashMap<>();
        ledger.reservations(orderId).forEach(r -> held.merge(r.itemId(), r.quantity(), BigDecimal::add));
        return lines.stream().map(l -> new StockLedger.Demand(l.item().id(), l.quantity().subtract(held.getOrDefault(l.item().id(),
                BigDecimal.ZERO)))).filter(d -> d.quantity().signum() > 0).toList();
    }

    private static List<Shortfall> shortfalls(List<BomLine> lines, List<StockLedger.Shortage> shortages) {
        Map<Long, StockItem> items = lines.stream().collect(Collectors.toMap(l -> l.item().id(), BomLine::item, (a, b) -> a));
        return shortages.stream().map(s -> new Shortfall(items.get(s.itemId()), s.needed(), s.available())).toList();
    }

    private static String encode(List<Shortfall> shortfalls) {
        return shortfalls.stream().map(f -> f.item().code() + ":" + f.needed().toPlainString() + ":" + f.available().toPlainString())
                .collect(Collectors.joining(";"));
    }

    private StockRequest row(ResultSet rs, int n) throws SQLException {
        long warehouse = rs.getLong(11);
        Long warehouseId = rs.wasNull() ? null : warehouse;
        return new StockRequest(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                StockRequest.Status.valueOf(rs.getString(5)), instant(rs, 6), instant(rs, 7), instant(rs, 8), instant(rs, 9),
                instant(rs, 10), warehouseId, instant(rs, 12), rs.getString(13), rs.getString(14),
                instant(rs, 15), rs.getString(16), rs.getString(17), instant(rs, 18), instant(rs, 19), rs.getString(20),
                instant(rs, 21), rs.getString(22), rs.getString(23), rs.getString(24), instant(rs, 25));
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Timestamp ts(Instant instant) {
        return Timestamp.from(instant);
    }

    /** One revision of the bill as it reached stock, with each line it added, removed or changed. */
    public record Revision(long id, Instant changedAt, List<RevisedLine> lines) {
    }

    /**
     * A line of a revision: the quantity stock was asked for before and after (null where added or removed), what went
     * back to free stock, what is asked for anew and what was issued beyond the new bill and is to come back.
     */
    public record RevisedLine(StockItem item, BigDecimal before, BigDecimal after, BigDecimal released, BigDecimal requested,
            BigDecimal toReturn) {
    }

    /** An item short at the warehouse: how many the bill needs and how many are free there. */
    public record Shortfall(StockItem item, BigDecimal needed, BigDecimal available) {
    }

    /** The clerk's alternative for a short request. */
    public record Alternative(Long warehouseId, List<Substitution> substitutions, String note) {
    }

    /** One short item of the bill ({@code replaces}, an item code) replaced by {@code itemCode}. */
    public record Substitution(String replaces, String itemCode, BigDecimal quantity) {
    }
}
