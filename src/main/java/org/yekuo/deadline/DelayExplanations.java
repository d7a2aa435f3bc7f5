package org.yekuo.deadline;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.yekuo.audit.AuditTrail;
import org.yekuo.identity.CurrentUser;
import org.yekuo.identity.Role;
import org.yekuo.shared.DomainException;
import org.yekuo.shared.DomainException.FieldProblem;
import org.yekuo.workflow.OrderProcesses;
import org.yekuo.workflow.TaskId;

/**
 * Unlocking an overdue order (R-SLA-4/5): the node's handler files a delay explanation with one of the
 * six categories, the leader in charge of the order's org unit approves it with a new deadline (a
 * working day, not in the past; the node then runs to the end of that day) or rejects it with a
 * reason. Each call is one transaction with its audit record.
 */
@Service
@Transactional(readOnly = true)
public class DelayExplanations {

    public static final int MAX_EXPLANATION = 1000;
    public static final int MAX_NOTE = 500;

    private static final String SELECT = """
            select e.*, d.order_no, d.handler, d.due_at, d.org_path from delay_explanation e
              join node_deadline d on d.id = e.deadline_id""";

    private final JdbcClient jdbc;
    private final DeadlineRows rows;
    private final OverdueLock lock;
    private final DueDates dueDates;
    private final OrderProcesses processes;
    private final AuditTrail audit;
    private final Clock clock;

    DelayExplanations(JdbcClient jdbc, DeadlineRows rows, OverdueLock lock, DueDates dueDates, OrderProcesses processes,
            AuditTrail audit, Clock clock) {
        this.jdbc = jdbc;
        this.rows = rows;
        this.lock = lock;
        this.dueDates = dueDates;
        this.processes = processes;
        this.audit = audit;
        this.clock = clock;
    }

    /** The handler of a locked node explains the delay; one explanation waits for a decision at a time. */
    @Transactional
    public DelayExplanation file(long deadlineId, String category, String explanation, CurrentUser user) {
        NodeDeadline node = visibleNode(deadlineId, user);
        if (!mayExplain(node, user)) {
            throw DomainException.forbidden("deadline.explanation.not-handler");
        }
        if (!node.locked()) {
            throw DomainException.conflict("deadline.not-locked", node.orderNo());
        }
        List<FieldProblem> problems = new ArrayList<>();
        DelayCategory parsed = Arrays.stream(DelayCategory.values()).filter(c -> c.name().equals(category)).findFirst()
                .orElse(null);
        if (parsed == null) {
            problems.add(new FieldProblem("category", "deadline.explanation.category-required"));
        }
        String text = explanation == null ? "" : explanation.trim();
        if (text.isEmpty() || text.length() > MAX_EXPLANATION) {
            problems.add(new FieldProblem("explanation", "deadline.explanation.text-required"));
        }
        if (!problems.isEmpty()) {
            throw new DomainException(HttpStatus.UNPROCESSABLE_CONTENT, problems, "validation.failed");
        }
        if (jdbc.sql("select count(*) from delay_explanation where deadline_id = ? and status = 'PENDING'").param(deadlineId)
                .query(Long.class).single() > 0) {
            throw DomainException.conflict("deadline.explanation.pending-exists");
        }
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("""
                insert into delay_explanation (deadline_id, order_id, node_code, category, explanation, filed_by, filed_at, status)
                values (?, ?, ?, ?, ?, ?, ?, 'PENDING')""")
                .params(deadlineId, node.orderId(), node.nodeCode(), parsed.name(), text, user.username(),
                        DeadlineRows.ts(clock.instant()))
                .update(key, "id");
        long id = key.getKey().longValue();
        audit.record(DeadlineAudit.EXPLANATION_FILED, "application", node.orderNo(),
                "node=" + node.nodeCode() + " category=" + parsed.name());
        return get(id);
    }

    /** The leader in charge approves: the node unlocks and runs to the end of {@code newDueDate}. */
    @Transactional
    public DelayExplanation approve(long explanationId, LocalDate newDueDate, String note, CurrentUser user) {
        DelayExplanation explanation = pendingForLeader(explanationId, user);
        NodeDeadline node = rows.find(explanation.deadlineId()).orElseThrow();
        if (!node.locked()) {
            throw DomainException.conflict("deadline.not-locked", node.orderNo());
        }
        if (newDueDate == null) {
            throw DomainException.invalid("newDueDate", "deadline.approval.date-required");
        }
        Instant due = dueDates.endOf(newDueDate);
        Instant now = clock.instant();
        if (newDueDate.isBefore(dueDates.dateOf(now))) {
            throw DomainException.invalid("newDueDate", "deadline.approval.date-past", newDueDate);
        }
        if (!dueDates.isWorkingDay(newDueDate)) {
            throw DomainException.invalid("newDueDate", "deadline.approval.date-not-working", newDueDate);
        }
        String decision = note == null ? "" : note.trim();
        if (decision.length() > MAX_NOTE) {
            throw DomainException.invalid("note", "deadline.decision.note-too-long", MAX_NOTE);
        }
        decide(explanationId, ExplanationStatus.APPROVED, decision, due, user, now);
        if (!lock.unlock(node.id(), due, ThreeColourRule.yellowAt(due, now, dueDates), dueDates.remindAt(due, now))) {
            throw DomainException.conflict("deadline.not-locked", node.orderNo());
        }
        processes.changeDueDate(new TaskId(node.taskId()), due);
        audit.record(DeadlineAudit.EXPLANATION_APPROVED, "application", node.orderNo(),
                "node=" + node.nodeCode() + " newDue=" + newDueDate + " unlocked=true");
        return get(explanationId);
    }

    /** The leader in charge rejects with a reason: the order stays locked until a new explanation is approved. */
    @Transactional
    public DelayExplanation reject(long explanationId, String note, CurrentUser user) {
        DelayExplanation explanation = pendingForLeader(explanationId, user);
        String decision = note == null ? "" : note.trim();
        if (decision.isEmpty() || decision.length() > MAX_NOTE) {
            throw DomainException.invalid("note", "deadline.decision.note-required", MAX_NOTE);
        }
        decide(explanationId, ExplanationStatus.REJECTED, decision, null, user, clock.instant());
        audit.record(DeadlineAudit.EXPLANATION_REJECTED, "application", explanation.orderNo(),
                "node=" + explanation.nodeCode() + " note=" + decision);
        return get(explanationId);
    }

    /** The explanations waiting for a decision on orders in the leader's scope, oldest first. */
    public List<DelayExplanation> pending(CurrentUser user) {
        return jdbc.sql(SELECT + " where e.status = 'PENDING' and d.org_path like ? order by e.filed_at, e.id")
                .param(user.scope().likePattern()).query(this::row).list();
    }

    /** The explanations filed for an order's nodes, newest first. */
    public List<DelayExplanation> ofOrder(long orderId) {
        return jdbc.sql(SELECT + " where e.order_id = ? order by e.filed_at desc, e.id desc").param(orderId).query(this::row).list();
    }

    public DelayExplanation get(long id) {
        return jdbc.sql(SELECT + " where e.id = ?").param(id).query(this::row).optional()
                .orElseThrow(() -> DomainException.notFound("deadline.explanation.not-found", id));
    }

    /** Whether the user may file an explanation for the node: its handler, or before anyone signed, whoever may. */
    public static boolean mayExplain(NodeDeadline node, CurrentUser user) {
        if (node.handler() != null) {
            return node.handler().equals(user.username());
        }
        return user.scope().includes(node.orgPath()) && user.roles().stream().anyMatch(r -> node.roles().contains(r.name()));
    }

    /** Whether the user is the leader in charge of the node's order. */
    public static boolean inCharge(String orgPath, CurrentUser user) {
        return user.has(Role.LEADER) && user.scope().includes(orgPath);
    }

    private NodeDeadline visibleNode(long deadlineId, CurrentUser user) {
        return rows.find(deadlineId).filter(n -> user.scope().includes(n.orgPath()))
                .orElseThrow(() -> DomainException.notFound("deadline.not-found", deadlineId));
    }

    private DelayExplanation pendingForLeader(long explanationId, CurrentUser user) {
        DelayExplanation explanation = get(explanationId);
        String orgPath = rows.find(explanation.deadlineId()).orElseThrow().orgPath();
        if (!user.scope().includes(orgPath)) {
            throw DomainException.notFound("deadline.explanation.not-found", explanationId);
        }
        if (!inCharge(orgPath, user)) {
            throw DomainException.forbidden("deadline.approval.not-leader");
        }
        if (explanation.status() != ExplanationStatus.PENDING) {
            throw DomainException.conflict("deadline.explanation.decided", explanation.decidedBy());
        }
        return explanation;
    }

    /** Records the decision unless another one got there first. */
    private void decide(long id, ExplanationStatus status, String note, Instant newDue, CurrentUser user, Instant now) {
        int updated = jdbc.sql("""
                update delay_explanation set status = ?, decided_by = ?, decided_at = ?, decision_note = ?, new_due_at = ?
                 where id = ? and status = 'PENDING'""")
                .params(status.name(), user.username(), DeadlineRows.ts(now), note.isEmpty() ? null : note,
                        DeadlineRows.ts(newDue), id).update();
        if (updated != 1) {
            throw DomainException.conflict("deadline.explanation.decided", get(id).decidedBy());
        }
    }

    private DelayExplanation row(ResultSet rs, int n) throws SQLException {
        return new DelayExplanation(rs.getLong("id"), rs.getLong("deadline_id"), rs.getLong("order_id"), rs.getString("order_no"),
                rs.getString("node_code"), rs.getString("handler"), DelayCategory.valueOf(rs.getString("category")),
                rs.getString("explanation"), rs.getString("filed_by"), DeadlineRows.instant(rs, "filed_at"),
                ExplanationStatus.valueOf(rs.getString("status")), rs.getString("decided_by"),
                DeadlineRows.instant(rs, "decided_at"), rs.getString("decision_note"), DeadlineRows.instant(rs, "new_due_at"),
                DeadlineRows.instant(rs, "due_at"));
    }
}
