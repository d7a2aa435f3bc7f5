package org.yekuo.collaboration;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.context.MessageSource;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;
import org.yekuo.audit.AuditTrail;
import org.yekuo.document.Document;
import org.yekuo.document.DocumentOwner;
import org.yekuo.document.RecordSheet;
import org.yekuo.document.SignedRecords;
import org.yekuo.identity.CurrentUser;
import org.yekuo.identity.OrgUnits;
import org.yekuo.identity.StaffMembers;
import org.yekuo.intake.Application;
import org.yekuo.intake.ApplicationStatus;
import org.yekuo.intake.OrderCompleted;
import org.yekuo.intake.Orders;
import org.yekuo.review.Review;
import org.yekuo.review.ReviewBoard;
import org.yekuo.shared.DomainException;
import org.yekuo.shared.Times;
import org.yekuo.stock.StockRequest;
import org.yekuo.stock.StockRequests;
import org.yekuo.workflow.NodeHistory;
import org.yekuo.workflow.OrderId;
import org.yekuo.workflow.OrderProcesses;

/**
 * The responsibility chain of a completed order (R-COL-6): who did what, when, at each node — each hand-off
 * signed for, each node completed, each department's review opinion, each coordination question and answer,
 * each stock step — gathered from the modules that hold them once the completion has committed, and stored so
 * that it reads the same however people and records change later. A department head or the leader in charge
 * issues it as a signed record of the order's archive.
 */
@Service
public class ResponsibilityChains {

    static final String RECORD = "RESPONSIBILITY_CHAIN";
    /** The node of the parallel department review, whose completions are the departments' opinions. */
    static final String REVIEW_NODE = "SCHEME_REVIEW";
    private static final Locale ARCHIVE_LANGUAGE = Locale.SIMPLIFIED_CHINESE;

    private final JdbcClient jdbc;
    private final Orders orders;
    private final OrderProcesses processes;
    private final ReviewBoard reviews;
    private final StockRequests stock;
    private final StaffMembers staff;
    private final OrgUnits orgUnits;
    private final SignedRecords records;
    private final AuditTrail audit;
    private final MessageSource messages;
    private final TransactionTemplate separately;
    private final Clock clock;

    ResponsibilityChains(JdbcClient jdbc, Orders orders, OrderProcesses processes, ReviewBoard reviews, StockRequests stock,
            StaffMembers staff, OrgUnits orgUnits, SignedRecords records, AuditTrail audit, MessageSource messages,
            PlatformTransactionManager transactions, Clock clock) {
        this.jdbc = jdbc;
        this.orders = orders;
        this.processes = processes;
        this.reviews = reviews;
        this.stock = stock;
        this.staff = staff;
        this.orgUnits = orgUnits;
        this.records = records;
        this.audit = audit;
        this.messages = messages;
        this.separately = new TransactionTemplate(transactions);
        this.separately.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
    }

    /** Writes the chain once the order's completion has committed, so the last node reads as finished. */
    @ApplicationModuleListener
    void on(OrderCompleted completed) {
        generate(completed.orderId());
    }

    /**
     * The order's chain for a reader in whose scope it lies; empty while the order is not completed. A completed
     * order whose chain is not written yet (its completion committed a moment ago) gets it written now.
     */
    public Optional<ResponsibilityChain> of(long orderId, CurrentUser user) {
        Application order = orderInScope(orderId, user);
        if (order.status() != ApplicationStatus.COMPLETED) {
            return Optional.empty();
        }
        Optional<ResponsibilityChain> stored = stored(orderId);
        if (stored.isPresent()) {
            return stored;
        }
        try {
            separately.executeWithoutResult(status -> generate(orderId));
        } catch (DuplicateKeyException writtenMeanwhile) {
            // The completion's listener wrote it at the same moment: read theirs.
        }
        return stored(orderId);
    }

    /** Writes the chain of a completed order unless it is written already: a chain never changes once written. */
    @Transactional
    public void generate(long orderId) {
        Application order = orders.find(orderId).orElse(null);
        if (order == null || order.status() != ApplicationStatus.COMPLETED || stored(orderId).isPresent()) {
            return;
        }
        List<ResponsibilityChain.Link> links = gather(order);
        Instant now = clock.instant();
        jdbc.sql("insert into responsibility_chain (order_id, order_no, org_path, completed_at, generated_at) values (?, ?, ?, ?, ?)")
                .params(orderId, order.orderNo(), order.orgPath(), ts(order.completedAt() == null ? now : order.completedAt()), ts(now))
                .update();
        for (ResponsibilityChain.Link link : links) {
            jdbc.sql("""
                    insert into responsibility_link (order_id, seq, step, node_code, actor, actor_name, party, outcome, occurred_at)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(orderId, link.seq(), link.step().name(), link.nodeCode(), link.actor(), link.actorName(), link.party(),
                            link.outcome(), ts(link.occurredAt()))
                    .update();
        }
        audit.record(CollaborationAudit.CHAIN_GENERATED, "application", order.orderNo(), "steps=" + links.size());
    }

    /**
     * Issues the chain as a signed record of the order's archive, signed by the department head or leader who
     * issues it; a chain already issued answers with its record, since the chain it shows cannot have changed.
     */
    @Transactional
    public long issueRecord(long orderId, CurrentUser user) {
        ResponsibilityChain chain = of(orderId, user)
                .orElseThrow(() -> DomainException.conflict("collaboration.chain.not-completed"));
        // The row lock makes a second issuer wait and then find the record the first one issued.
        long issued = jdbc.sql("select coalesce(document_id, 0) from responsibility_chain where order_id = ? for update").param(orderId)
                .query(Long.class).single();
        if (issued != 0) {
            return issued;
        }
        List<RecordSheet.Line> lines = new ArrayList<>();
        lines.add(new RecordSheet.Line(text("collaboration.chain.record.order"), chain.orderNo()));
        lines.add(new RecordSheet.Line(text("collaboration.chain.record.completed-at"), time(chain.completedAt())));
        for (ResponsibilityChain.Link link : chain.links()) {
            lines.add(new RecordSheet.Line(text("catalogue.node." + link.nodeCode()),
                    time(link.occurredAt()) + "  " + describe(link, ARCHIVE_LANGUAGE) + " · " + link.actorName()));
        }
        Application order = orderInScope(orderId, user);
        Document document = records.issue(new DocumentOwner(orderId, chain.orderNo(), order.orgPath()), RECORD, null,
                new RecordSheet(text("document.record." + RECORD), lines, text("collaboration.chain.record.closing")), user);
        jdbc.sql("update responsibility_chain set document_id = ? where order_id = ?").params(document.id(), orderId).update();
        audit.record(CollaborationAudit.CHAIN_ISSUED, "application", chain.orderNo(), "document=" + document.id());
        return document.id();
    }

    /**
     * What a step says in words, without who did it: "签收", "审查意见：通过（营销部门）", "答复协调问题（运检部门）"...
     */
    public String describe(ResponsibilityChain.Link link, Locale locale) {
        String step = messages.getMessage(link.step().messageKey(), null, locale);
        String outcome = link.outcome() == null ? null
                : messages.getMessage(link.step() == ChainStep.REVIEWED ? "review.verdict." + link.outcome()
                        : "collaboration.chain.outcome." + link.outcome(), null, locale);
        String party = partyName(link, locale);
        String text = outcome == null ? step : messages.getMessage("collaboration.chain.step-outcome", new Object[] {step, outcome}, locale);
        return party == null ? text : messages.getMessage("collaboration.chain.step-party", new Object[] {text, party}, locale);
    }

    private String partyName(ResponsibilityChain.Link link, Locale locale) {
        if (link.party() == null) {
            return null;
        }
        if (link.step() == ChainStep.REVIEWED) {
            return messages.getMessage("catalogue.department." + link.party(), null, locale);
        }
        return orgUnits.byId(Long.parseLong(link.party())).map(u -> u.name(locale)).orElse(null);
    }

    /** Every step of the order from the modules that hold them, in the order they happened. */
    private List<ResponsibilityChain.Link> gather(Application order) {
        record Step(ChainStep step, String nodeCode, String actor, String party, String outcome, Instant at) {
        }
        List<NodeHistory> timeline = processes.timeline(new OrderId(order.id()));
        List<Step> steps = new ArrayList<>();
        for (NodeHistory node : timeline) {
            if (node.handler() == null) {
                continue;
            }
            if (node.signedForAt() != null) {
                steps.add(new Step(ChainStep.SIGNED_FOR, node.nodeCode(), node.handler(), null, null, node.signedForAt()));
            }
            // A review's completion is its department's opinion, which the review module holds with its verdict.
            if (node.finishedAt() != null && !REVIEW_NODE.equals(node.nodeCode())) {
                steps.add(new Step(ChainStep.COMPLETED, node.nodeCode(), node.handler(), null, null, node.finishedAt()));
            }
        }
        for (Review review : reviews.decided(order.id())) {
            steps.add(new Step(ChainStep.REVIEWED, REVIEW_NODE, review.decidedBy(), review.department().name(),
                    review.verdict() == null ? null : review.verdict().name(), review.decidedAt()));
        }
        jdbc.sql("""
                select e.kind, e.author, e.written_at, q.department_id from coordination_entry e
                join coordination_question q on q.id = e.question_id
                where q.order_id = ? and e.kind in ('ASKED', 'ANSWERED') order by e.id""")
                .param(order.id())
                .query(rs -> {
                    Instant at = rs.getTimestamp(3).toInstant();
                    steps.add(new Step("ASKED".equals(rs.getString(1)) ? ChainStep.ASKED : ChainStep.ANSWERED, nodeAt(timeline, at),
                            rs.getString(2), Long.toString(rs.getLong(4)), null, at));
                });
        stock.find(order.id()).ifPresent(request -> stockSteps(request, timeline).forEach(s -> steps.add(
                new Step(s.step(), s.nodeCode(), s.actor(), null, s.outcome(), s.occurredAt()))));

        Set<String> people = new HashSet<>();
        steps.forEach(s -> people.add(s.actor()));
        Map<String, String> names = staff.displayNames(people);
        List<Step> ordered = steps.stream().filter(s -> s.actor() != null && s.at() != null)
                .sorted(Comparator.comparing(Step::at).thenComparing(s -> s.step().ordinal())).toList();
        List<ResponsibilityChain.Link> links = new ArrayList<>();
        for (Step s : ordered) {
            links.add(new ResponsibilityChain.Link(links.size() + 1, s.step(), s.nodeCode(), s.actor(),
                    names.getOrDefault(s.actor(), s.actor()), s.party(), s.outcome(), s.at()));
        }
        return links;
    }

    /** The clerk's steps on the order's bill of materials, each placed at the node the order was at. */
    private static List<ResponsibilityChain.Link> stockSteps(StockRequest request, List<NodeHistory> timeline) {
        List<ResponsibilityChain.Link> steps = new ArrayList<>();
        if (request.checkedAt() != null) {
            steps.add(new ResponsibilityChain.Link(0, ChainStep.STOCK_CONFIRMED, nodeAt(timeline, request.checkedAt()), request.checkedBy(),
                    null, null, request.shortage() == null || request.shortage().isBlank() ? null : "SHORT", request.checkedAt()));
        }
        if (request.alternativeAt() != null) {
            steps.add(new ResponsibilityChain.Link(0, ChainStep.STOCK_ALTERNATIVE, nodeAt(timeline, request.alternativeAt()),
                    request.alternativeBy(), null, null, null, request.alternativeAt()));
        }
        if (request.issuedAt() != null) {
            steps.add(new ResponsibilityChain.Link(0, ChainStep.STOCK_ISSUED, nodeAt(timeline, request.issuedAt()), request.issuedBy(),
                    null, null, null, request.issuedAt()));
        }
        return steps;
    }

    /** The node the order had last reached at a moment: where a step outside the nodes happened. */
    private static String nodeAt(List<NodeHistory> timeline, Instant at) {
        String node = timeline.isEmpty() ? "ACCEPTANCE" : timeline.get(0).nodeCode();
        for (NodeHistory h : timeline) {
            if (h.receivedAt() != null && !h.receivedAt().isAfter(at)) {
                node = h.nodeCode();
            }
        }
        return node;
    }

    private Optional<ResponsibilityChain> stored(long orderId) {
        return jdbc.sql("select order_id, order_no, org_path, completed_at, generated_at, document_id from responsibility_chain where order_id = ?")
                .param(orderId)
                .query((rs, n) -> new ResponsibilityChain(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getTimestamp(4).toInstant(),
                        rs.getTimestamp(5).toInstant(), (Long) rs.getObject(6, Long.class), links(orderId)))
                .optional();
    }

    private List<ResponsibilityChain.Link> links(long orderId) {
        return jdbc.sql("""
                select seq, step, node_code, actor, actor_name, party, outcome, occurred_at from responsibility_link
                where order_id = ? order by seq""").param(orderId).query(this::link).list();
    }

    private ResponsibilityChain.Link link(ResultSet rs, int n) throws SQLException {
        return new ResponsibilityChain.Link(rs.getInt(1), ChainStep.valueOf(rs.getString(2)), rs.getString(3), rs.getString(4),
                rs.getString(5), rs.getString(6), rs.getString(7), rs.getTimestamp(8).toInstant());
    }

    private Application orderInScope(long orderId, CurrentUser user) {
        return orders.find(orderId).filter(o -> user.scope().includes(o.orgPath()))
                .orElseThrow(() -> DomainException.notFound("collaboration.order.not-found", orderId));
    }

    private String time(Instant at) {
        return Times.MINUTES.format(at.atZone(clock.getZone()));
    }

    private String text(String key) {
        return messages.getMessage(key, null, ARCHIVE_LANGUAGE);
    }

    private static Timestamp ts(Instant instant) {
        return Timestamp.from(instant);
    }
}
