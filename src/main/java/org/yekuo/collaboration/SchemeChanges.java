package org.yekuo.collaboration;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.yekuo.audit.AuditTrail;
import org.yekuo.identity.CurrentUser;
import org.yekuo.intake.Application;
import org.yekuo.intake.Orders;
import org.yekuo.intake.RecordedNode;
import org.yekuo.intake.TaskContexts;
import org.yekuo.shared.DomainException;
import org.yekuo.stock.BillsOfMaterials;
import org.yekuo.stock.BomLine;
import org.yekuo.stock.MaterialsCatalogue;
import org.yekuo.stock.StockItem;
import org.yekuo.stock.StockRequest;
import org.yekuo.stock.StockRequests;
import org.yekuo.workflow.CompletionGate;
import org.yekuo.workflow.NodeCompleted;
import org.yekuo.workflow.NodeHistory;
import org.yekuo.workflow.OrderId;
import org.yekuo.workflow.OrderProcesses;

/**
 * Scheme changes reach downstream (R-COL-7). Every completed scheme design is kept as a snapshot of its fields
 * and bill of materials. When a scheme that had been approved (reviewed or replied to the customer) is
 * designed again with something changed, everyone who worked on the order since that approval, and the
 * materials clerk who checked its stock, is told what changed, and completes nothing more on the order until
 * they have acknowledged it.
 */
@Service
@Transactional(readOnly = true)
public class SchemeChanges implements CompletionGate {

    static final String DESIGN = "SCHEME_DESIGN";
    /** Nodes after which the scheme counts as approved: the review and the reply to the customer. */
    static final Set<String> APPROVING = Set.of("SCHEME_REVIEW", "SCHEME_REPLY");

    private static final String FIELD = "FIELD";
    private static final String BOM = "BOM";

    private final JdbcClient jdbc;
    private final Orders orders;
    private final TaskContexts contexts;
    private final BillsOfMaterials boms;
    private final MaterialsCatalogue catalogue;
    private final StockRequests stock;
    private final OrderProcesses processes;
    private final AuditTrail audit;
    private final Clock clock;

    SchemeChanges(JdbcClient jdbc, Orders orders, TaskContexts contexts, BillsOfMaterials boms, MaterialsCatalogue catalogue,
            StockRequests stock, OrderProcesses processes, AuditTrail audit, Clock clock) {
        this.jdbc = jdbc;
        this.orders = orders;
        this.contexts = contexts;
        this.boms = boms;
        this.catalogue = catalogue;
        this.stock = stock;
        this.processes = processes;
        this.audit = audit;
        this.clock = clock;
    }

    /** Keeps the design's snapshot and, for a revised approved scheme, notices those who worked from it. */
    @EventListener
    @Transactional
    void on(NodeCompleted event) {
        if (!DESIGN.equals(event.nodeCode())) {
            return;
        }
        Optional<Snapshot> previous = jdbc.sql("select id, taken_at from scheme_snapshot where order_id = ? order by id desc limit 1")
                .param(event.orderId().value()).query((rs, n) -> new Snapshot(rs.getLong(1), rs.getTimestamp(2).toInstant())).optional();
        Map<Key, Line> now = currentLines(event.orderId().value());
        KeyHolder generated = new GeneratedKeyHolder();
        jdbc.sql("insert into scheme_snapshot (order_id, taken_at, taken_by) values (?, ?, ?)")
                .params(event.orderId().value(), Timestamp.from(event.completedAt()), String.valueOf(event.completedBy())).update(generated, "id");
        long snapshot = generated.getKey().longValue();
        now.forEach((key, line) -> jdbc.sql("insert into scheme_snapshot_line (snapshot_id, kind, name, value_text, value_key)"
                        + " values (?, ?, ?, ?, ?)").params(snapshot, key.kind(), key.name(), line.value(), line.valueKey()).update());
        if (previous.isEmpty()) {
            return;
        }
        Instant since = previous.get().takenAt();
        List<NodeHistory> timeline = processes.timeline(event.orderId());
        boolean approved = timeline.stream().anyMatch(n -> APPROVING.contains(n.nodeCode()) && finishedAfter(n, since));
        if (!approved || changes(lines(previous.get().id()), now).isEmpty()) {
            return;
        }
        Map<String, Stage> recipients = new LinkedHashMap<>();
        timeline.stream().filter(n -> finishedAfter(n, since) && n.handler() != null && !DESIGN.equals(n.nodeCode()))
                .forEach(n -> Stage.ofNode(n.nodeCode()).ifPresent(stage -> recipients.putIfAbsent(n.handler(), stage)));
        stock.find(event.orderId().value()).ifPresent(request -> stockWorkers(request, since).forEach(u -> recipients.putIfAbsent(u, Stage.MATERIALS)));
        recipients.remove(event.completedBy());
        if (recipients.isEmpty()) {
            return;
        }
        Application order = orders.find(event.orderId().value()).orElseThrow();
        recipients.forEach((username, stage) -> jdbc.sql("insert into scheme_change_notice (order_id, order_no, org_path, from_snapshot,"
                        + " to_snapshot, recipient, worked_node, noticed_at) values (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(order.id(), order.orderNo(), order.orgPath(), previous.get().id(), snapshot, username, stage.name(),
                        Timestamp.from(event.completedAt())).update());
        audit.record(CollaborationAudit.SCHEME_CHANGE_NOTICED, "application", order.orderNo(), "to=" + List.copyOf(recipients.keySet()));
    }

    @Override
    public void requireClear(long orderId, CurrentUser user) {
        long open = jdbc.sql("select count(*) from scheme_change_notice where order_id = ? and recipient = ? and acknowledged_at is null")
                .params(orderId, user.username()).query(Long.class).single();
        if (open > 0) {
            throw DomainException.conflict("collaboration.scheme-change.acknowledge-first");
        }
    }

    /** The reader's notices: unacknowledged first, then those of the last 30 days. */
    public List<Notice> mine(CurrentUser user) {
        return jdbc.sql("select id, order_id, order_no, org_path, from_snapshot, to_snapshot, worked_node, noticed_at, acknowledged_at"
                        + " from scheme_change_notice where recipient = ? and (acknowledged_at is null or noticed_at > ?)"
                        + " order by acknowledged_at is not null, noticed_at desc")
                .params(user.username(), Timestamp.from(clock.instant().minus(java.time.Duration.ofDays(30))))
                .query((rs, n) -> notice(rs)).list();
    }

    /** How many notices the reader has still to acknowledge. */
    public long openCount(CurrentUser user) {
        return jdbc.sql("select count(*) from scheme_change_notice where recipient = ? and acknowledged_at is null")
                .param(user.username()).query(Long.class).single();
    }

    /** One notice, to its recipient only; anyone else is told it does not exist. */
    public Notice get(long id, CurrentUser user) {
        return jdbc.sql("select id, order_id, order_no, org_path, from_snapshot, to_snapshot, worked_node, noticed_at, acknowledged_at"
                        + " from scheme_change_notice where id = ? and recipient = ?")
                .params(id, user.username()).query((rs, n) -> notice(rs)).optional()
                .orElseThrow(() -> DomainException.notFound("collaboration.scheme-change.not-found", id));
    }

    /** The recipient has read what changed; their work on the order may pass again. Acknowledging twice changes nothing. */
    @Transactional
    public Notice acknowledge(long id, CurrentUser user) {
        Notice notice = get(id, user);
        int changed = jdbc.sql("update scheme_change_notice set acknowledged_at = ? where id = ? and acknowledged_at is null")
                .params(Timestamp.from(clock.instant()), id).update();
        if (changed == 1) {
            audit.record(CollaborationAudit.SCHEME_CHANGE_ACKNOWLEDGED, "application", notice.orderNo(), "notice=" + id);
        }
        return get(id, user);
    }

    private Notice notice(java.sql.ResultSet rs) throws java.sql.SQLException {
        Timestamp acknowledged = rs.getTimestamp("acknowledged_at");
        return new Notice(rs.getLong("id"), rs.getLong("order_id"), rs.getString("order_no"), Stage.valueOf(rs.getString("worked_node")),
                rs.getTimestamp("noticed_at").toInstant(), acknowledged == null ? null : acknowledged.toInstant(),
                changes(lines(rs.getLong("from_snapshot")), lines(rs.getLong("to_snapshot"))));
    }

    private Map<Key, Line> currentLines(long orderId) {
        Map<Key, Line> lines = new LinkedHashMap<>();
        RecordedNode scheme = contexts.scheme(orderId);
        if (scheme != null) {
            scheme.fields().forEach(f -> lines.put(new Key(FIELD, f.name()), new Line(f.value(), f.valueKey())));
        }
        for (BomLine line : boms.of(orderId)) {
            lines.put(new Key(BOM, line.item().code()), new Line(line.quantity().stripTrailingZeros().toPlainString(), null));
        }
        return lines;
    }

    private Map<Key, Line> lines(long snapshot) {
        Map<Key, Line> lines = new LinkedHashMap<>();
        jdbc.sql("select kind, name, value_text, value_key from scheme_snapshot_line where snapshot_id = ?").param(snapshot)
                .query((rs, n) -> lines.put(new Key(rs.getString(1), rs.getString(2)), new Line(rs.getString(3), rs.getString(4)))).list();
        return lines;
    }

    /** What differs between two snapshots: scheme fields in form order, then items of the bill by code. */
    private List<Change> changes(Map<Key, Line> before, Map<Key, Line> after) {
        Set<Key> keys = new java.util.LinkedHashSet<>(after.keySet());
        keys.addAll(before.keySet());
        List<Change> changes = new ArrayList<>();
        for (Key key : keys) {
            Line was = before.get(key);
            Line is = after.get(key);
            if (Objects.equals(was, is)) {
                continue;
            }
            Optional<StockItem> item = BOM.equals(key.kind()) ? catalogue.item(key.name()) : Optional.empty();
            changes.add(new Change(BOM.equals(key.kind()), key.name(), item.orElse(null), was, is));
        }
        return changes;
    }

    private static List<String> stockWorkers(StockRequest request, Instant since) {
        Set<String> workers = new TreeSet<>();
        if (request.checkedBy() != null && request.checkedAt() != null && request.checkedAt().isAfter(since)) {
            workers.add(request.checkedBy());
        }
        if (request.alternativeBy() != null && request.alternativeAt() != null && request.alternativeAt().isAfter(since)) {
            workers.add(request.alternativeBy());
        }
        return List.copyOf(workers);
    }

    private static boolean finishedAfter(NodeHistory node, Instant since) {
        return node.finishedAt() != null && node.finishedAt().isAfter(since);
    }

    private record Snapshot(long id, Instant takenAt) {
    }

    private record Key(String kind, String name) {
    }

    /** A recorded value: text, number or date as entered, or a chosen option with its label's message. */
    public record Line(String value, String valueKey) {
    }

    /**
     * One difference: a scheme field (labelled {@code intake.node-field.<name>}) or a line of the bill of materials
     * ({@code item} from the catalogue); {@code before} or {@code after} is null where it was added or removed.
     */
    public record Change(boolean bom, String name, StockItem item, Line before, Line after) {
    }

    /** A notice to one member of staff of a scheme changed after they worked from it at {@code stage}. */
    public record Notice(long id, long orderId, String orderNo, Stage stage, Instant noticedAt, Instant acknowledgedAt,
            List<Change> changes) {

        public boolean acknowledged() {
            return acknowledgedAt != null;
        }
    }
}
