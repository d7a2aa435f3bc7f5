package org.yekuo.deadline.report;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Locale;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.yekuo.audit.AuditTrail;
import org.yekuo.deadline.DeadlineAudit;
import org.yekuo.deadline.NodeOverdue;
import org.yekuo.reporting.ReportMonth;
import org.yekuo.shared.Paging;

/**
 * Posts a company-wide notice for every node that turns red (R-SLA-6) and lists them for all staff.
 * The notice is written in the transaction of the sweep that publishes {@link NodeOverdue}, so the red
 * mark and its notice commit together; one notice per node task, however often the event arrives.
 */
@Service
@Transactional(readOnly = true)
public class OverdueNotices {

    private final JdbcClient jdbc;
    private final ScoreRules rules;
    private final ReportLabels labels;
    private final AuditTrail audit;
    private final Clock clock;

    OverdueNotices(JdbcClient jdbc, ScoreRules rules, ReportLabels labels, AuditTrail audit, Clock clock) {
        this.jdbc = jdbc;
        this.rules = rules;
        this.labels = labels;
        this.audit = audit;
        this.clock = clock;
    }

    @EventListener
    @Transactional(propagation = Propagation.MANDATORY)
    void on(NodeOverdue event) {
        NodeOwnership ownership = rules.ownership();
        // The owner comes from the node's own row (its roles and the order's org path), by the same
        // rules as the score sheet; a node the deadline table does not know gets none.
        String owner = jdbc.sql("select " + ownership.owner() + " from node_deadline d where d.task_id = :task")
                .params(ownership.params()).param("task", event.taskId()).query(String.class).optional().orElse(null);
        int posted = jdbc.sql("""
                insert into overdue_notice (task_id, order_id, order_no, node_code, handler, owner_unit_code, due_at,
                                            overdue_at, published_at)
                select :task, :orderId, :orderNo, :node, :handler, :owner, :due, :overdue, :now
                where not exists (select 1 from overdue_notice where task_id = :task)""")
                .param("task", event.taskId()).param("orderId", event.orderId()).param("orderNo", event.orderNo())
                .param("node", event.nodeCode()).param("handler", event.handler()).param("owner", owner)
                .param("due", Timestamp.from(event.dueAt())).param("overdue", Timestamp.from(event.overdueAt()))
                .param("now", Timestamp.from(clock.instant()))
                .update();
        if (posted == 1) {
            audit.record(DeadlineAudit.OVERDUE_NOTICE_POSTED, "order", event.orderNo(),
                    "node=" + event.nodeCode() + " owner=" + owner + " handler=" + event.handler());
        }
    }

    /** The newest notices first: they are company-wide, so every member of staff sees all of them. */
    public List<OverdueNotice> latest(int page, int size, Locale locale) {
        ReportLabels.Naming naming = labels.naming(locale);
        return jdbc.sql("select * from overdue_notice order by published_at desc, id desc limit :size offset :offset")
                .param("size", size).param("offset", Paging.offset(page, size))
                .query((rs, n) -> new OverdueNotice(rs.getLong("id"), rs.getString("order_no"), rs.getString("node_code"),
                        naming.node(rs.getString("node_code")), rs.getString("handler"), rs.getString("handler") == null ? null : naming.person(rs.getString("handler")),
                        rs.getString("owner_unit_code"),
                        naming.unit(rs.getString("owner_unit_code")), rs.getTimestamp("due_at").toInstant(),
                        rs.getTimestamp("overdue_at").toInstant(), rs.getTimestamp("published_at").toInstant()))
                .list();
    }

    public long count() {
        return jdbc.sql("select count(*) from overdue_notice").query(Long.class).single();
    }

    /** How many notices went out in the month. */
    public long countIn(ReportMonth month) {
        return jdbc.sql("select count(*) from overdue_notice where published_at >= ? and published_at < ?")
                .params(Timestamp.from(month.from()), Timestamp.from(month.to())).query(Long.class).single();
    }
}
