package org.yekuo.integration.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.yekuo.audit.AuditTrail;
import org.yekuo.intake.Application;
import org.yekuo.intake.NodeRecording;
import org.yekuo.intake.Orders;
import org.yekuo.intake.ReportedWork;
import org.yekuo.shared.DomainException;
import org.yekuo.shared.Sm3;
import org.yekuo.shared.Times;

/**
 * Updates other systems send about an order (R-X-7): the customer number the marketing system assigns, and the
 * supply-works milestones the project management system reports. Each message is checked whole before anything
 * is written, written with its audit record in one transaction, and kept by its sender's message id: the same
 * message again is answered as the first time without a second change; another message under a used id, a
 * milestone older than what the order has reached, or an update of a closed order is refused. "Works completed"
 * completes the order's SUPPLY_WORKS node where its rules allow ({@link #worksCompleted}).
 */
@Service
public class InboundUpdates {

    private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);
    private static final String MESSAGE_ID = "[A-Za-z0-9._:-]{8,100}";
    private static final String CUSTOMER_NUMBER = "[0-9A-Za-z-]{6,40}";
    static final String SUPPLY_WORKS = "SUPPLY_WORKS";
    private static final String WORKS_SUMMARY = "worksSummary";

    private final JdbcClient jdbc;
    private final Orders orders;
    private final AuditTrail audit;
    private final Clock clock;
    private final NodeRecording work;
    private final MessageSource messages;

    InboundUpdates(JdbcClient jdbc, Orders orders, AuditTrail audit, Clock clock, NodeRecording work, MessageSource messages) {
        this.jdbc = jdbc;
        this.orders = orders;
        this.audit = audit;
        this.clock = clock;
        this.work = work;
        this.messages = messages;
    }

    /**
     * What the sender learns: the order, what is recorded now, whether this was a repeat of an earlier message, and
     * for "works completed" what became of the order's SUPPLY_WORKS node (null otherwise).
     */
    public record Outcome(String orderNo, String customerNumber, List<Milestone> milestones, boolean repeated,
            ReportedWork supplyWorksNode) {
    }

    public record Milestone(SupplyWorksMilestone milestone, Instant occurredAt, String note) {
    }

    @Transactional
    public Outcome customerNumber(String client, String orderNo, String messageId, String customerNumber) {
        requireMessageId(messageId);
        String number = customerNumber == null ? "" : customerNumber.strip();
        if (!number.matches(CUSTOMER_NUMBER)) {
            throw DomainException.invalid("customerNumber", "integration.inbound.customer-number");
        }
        Application order = order(orderNo);
        if (alreadyReceived(client, messageId, "CUSTOMER_NUMBER", order, number)) {
            return outcome(order, true);
        }
        Optional<String> current = customerNumberOf(order.id());
        if (current.isPresent() && !current.get().equals(number)) {
            throw DomainException.conflict("integration.inbound.customer-number-differs", order.orderNo(), current.get());
        }
        if (current.isEmpty()) {
            jdbc.sql("insert into order_customer_number (order_id, order_no, customer_number, reported_by, reported_at)"
                            + " values (:id, :no, :number, :client, :at)")
                    .param("id", order.id()).param("no", order.orderNo()).param("number", number).param("client", client)
                    .param("at", Timestamp.from(clock.instant())).update();
            audit.record(IntegrationAudit.CUSTOMER_NUMBER, "application", order.orderNo(),
                    "customerNumber=" + number + " client=" + client + " message=" + messageId);
        }
        return outcome(order, false);
    }

    @Transactional
    public Outcome milestone(String client, String orderNo, String messageId, SupplyWorksMilestone milestone,
            Instant occurredAt, String note) {
        requireMessageId(messageId);
        if (milestone == null) {
            throw DomainException.invalid("milestone", "integration.inbound.milestone");
        }
        if (occurredAt == null || occurredAt.isAfter(clock.instant().plus(CLOCK_SKEW))) {
            throw DomainException.invalid("occurredAt", "integration.inbound.occurred-at");
        }
        String text = note == null ? null : note.strip();
        if (text != null && (text.length() > 200 || text.matches(".*[<>].*"))) {
            throw DomainException.invalid("note", "integration.inbound.note");
        }
        Application order = order(orderNo);
        if (occurredAt.isBefore(order.createdAt())) {
            throw DomainException.invalid("occurredAt", "integration.inbound.occurred-at");
        }
        String content = milestone + "|" + occurredAt + "|" + (text == null ? "" : text);
        if (alreadyReceived(client, messageId, "MILESTONE", order, content)) {
            return outcome(order, true);
        }
        List<Milestone> reached = milestonesOf(order.id());
        Optional<Milestone> latest = reached.stream().reduce((a, b) -> b);
        if (latest.isPresent() && latest.get().milestone().compareTo(milestone) >= 0) {
            throw DomainException.conflict("integration.inbound.milestone-stale", order.orderNo(), milestone.name(),
                    latest.get().milestone().name());
        }
        if (latest.isPresent() && occurredAt.isBefore(latest.get().occurredAt())) {
            throw DomainException.invalid("occurredAt", "integration.inbound.occurred-before-previous");
        }
        jdbc.sql("insert into supply_works_milestone (order_id, order_no, milestone, occurred_at, note, reported_by, received_at)"
                        + " values (:id, :no, :milestone, :at, :note, :client, :now)")
                .param("id", order.id()).param("no", order.orderNo()).param("milestone", milestone.name())
                .param("at", Timestamp.from(occurredAt)).param("note", text).param("client", client)
                .param("now", Timestamp.from(clock.instant())).update();
        audit.record(IntegrationAudit.SUPPLY_WORKS_MILESTONE, "application", order.orderNo(),
                "milestone=" + milestone + " occurredAt=" + occurredAt + " client=" + client + " message=" + messageId);
        ReportedWork node = milestone == SupplyWorksMilestone.WORKS_COMPLETED ? worksCompleted(order.id(), client) : null;
        return new Outcome(order.orderNo(), customerNumberOf(order.id()).orElse(null), milestonesOf(order.id()), false, node);
    }

    /**
     * The supply works of an order are reported complete: its SUPPLY_WORKS node completes with the milestones as
     * its summary where the node's rules allow, else the summary waits in the node's form for its handler. Again
     * when the order reaches the node or moves on after a suspension ({@link SupplyWorksCompletion}); a node that
     * has completed is not open, so a second call changes nothing.
     */
    @Transactional
    public ReportedWork worksCompleted(long orderId, String reporter) {
        List<Milestone> reached = milestonesOf(orderId);
        if (reached.stream().noneMatch(m -> m.milestone() == SupplyWorksMilestone.WORKS_COMPLETED)) {
            return ReportedWork.NODE_NOT_OPEN;
        }
        return work.reportWork(orderId, SUPPLY_WORKS, Map.of(WORKS_SUMMARY, summary(reached)), reporter);
    }

    /** The node's summary in the utility's language, one line per milestone, as the handler would write it. */
    private String summary(List<Milestone> reached) {
        Locale zh = Locale.SIMPLIFIED_CHINESE;
        StringBuilder text = new StringBuilder(messages.getMessage("integration.works-summary.heading", null, zh));
        for (Milestone m : reached) {
            String day = Times.MINUTES.format(m.occurredAt().atZone(clock.getZone()));
            text.append('\n').append(messages.getMessage("integration.works-summary.line",
                    new Object[] {messages.getMessage(m.milestone().messageKey(), null, zh), day, m.note() == null ? "" : m.note()}, zh)
                    .strip());
        }
        return text.toString();
    }

    private Application order(String orderNo) {
        String number = orderNo == null ? "" : orderNo.strip();
        Application order = orders.findByOrderNo(number)
                .orElseThrow(() -> DomainException.notFound("integration.inbound.order-unknown", number));
        if (!order.status().open()) {
            throw DomainException.conflict("integration.inbound.order-closed", order.orderNo());
        }
        return order;
    }

    /**
     * True when this client sent this message before (then nothing more is done); records it otherwise. The same
     * id with other content is refused: it is another message, and applying or ignoring it would both be wrong.
     */
    private boolean alreadyReceived(String client, String messageId, String kind, Application order, String content) {
        String hash = Sm3.hex(kind + "|" + order.orderNo() + "|" + content);
        Optional<String> earlier = jdbc.sql("select content_hash from inbound_message where client_id = :client and message_id = :id")
                .param("client", client).param("id", messageId).query(String.class).optional();
        if (earlier.isPresent()) {
            if (!earlier.get().equals(hash)) {
                throw DomainException.conflict("integration.inbound.message-id-reused", messageId);
            }
            return true;
        }
        jdbc.sql("insert into inbound_message (client_id, message_id, kind, order_id, order_no, content_hash, received_at)"
                        + " values (:client, :id, :kind, :order, :no, :hash, :at)")
                .param("client", client).param("id", messageId).param("kind", kind).param("order", order.id())
                .param("no", order.orderNo()).param("hash", hash).param("at", Timestamp.from(clock.instant())).update();
        return false;
    }

    private static void requireMessageId(String messageId) {
        if (messageId == null || !messageId.matches(MESSAGE_ID)) {
            throw DomainException.invalid("messageId", "integration.inbound.message-id");
        }
    }

    private Outcome outcome(Application order, boolean repeated) {
        return new Outcome(order.orderNo(), customerNumberOf(order.id()).orElse(null), milestonesOf(order.id()), repeated, null);
    }

    private Optional<String> customerNumberOf(long orderId) {
        return jdbc.sql("select customer_number from order_customer_number where order_id = :id").param("id", orderId)
                .query(String.class).optional();
    }

    private List<Milestone> milestonesOf(long orderId) {
        return jdbc.sql("select milestone, occurred_at, note from supply_works_milestone where order_id = :id order by occurred_at, id")
                .param("id", orderId)
                .query((rs, n) -> new Milestone(SupplyWorksMilestone.valueOf(rs.getString("milestone")),
                        rs.getTimestamp("occurred_at").toInstant(), rs.getString("note"))).list();
    }
}
