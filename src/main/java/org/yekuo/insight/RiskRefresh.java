package org.yekuo.insight;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.yekuo.audit.AuditTrail;
import org.yekuo.deadline.Colour;
import org.yekuo.deadline.DeadlineHistory;
import org.yekuo.deadline.NodeDeadline;
import org.yekuo.identity.OrgUnits;
import org.yekuo.identity.StaffMember;
import org.yekuo.identity.StaffMembers;
import org.yekuo.notification.Notifications;

/**
 * Refreshes the forecast of every open node in the background, for the risk board, and warns the handler and
 * the department head once when a node still green reaches the warning threshold: early enough to act before it
 * turns yellow. Each warning is claimed by a conditional update, so several application nodes send it once.
 */
@Component
class RiskRefresh implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(RiskRefresh.class);
    private static final Locale SMS_LOCALE = Locale.SIMPLIFIED_CHINESE;
    private static final DateTimeFormatter SMS_TIME = DateTimeFormatter.ofPattern("M月d日HH:mm");

    private final RiskForecast forecast;
    private final DeadlineHistory history;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Notifications notifications;
    private final StaffMembers staff;
    private final OrgUnits orgUnits;
    private final AuditTrail audit;
    private final MessageSource messages;
    private final InsightProperties properties;
    private final Clock clock;

    RiskRefresh(RiskForecast forecast, DeadlineHistory history, JdbcClient jdbc, TransactionTemplate transactions,
            Notifications notifications, StaffMembers staff, OrgUnits orgUnits, AuditTrail audit, MessageSource messages,
            InsightProperties properties, Clock clock) {
        this.forecast = forecast;
        this.history = history;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.notifications = notifications;
        this.staff = staff;
        this.orgUnits = orgUnits;
        this.audit = audit;
        this.messages = messages;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        if (properties.refreshEnabled()) {
            registrar.addFixedDelayTask(this::refreshLogged, properties.refreshInterval());
        }
    }

    /** What one refresh did: profiles recomputed (0 when still fresh), open nodes assessed, warnings sent. */
    record Result(int profiles, int nodes, int warned) {
    }

    Result refresh() {
        // Stored as the database keeps it: H2 keeps microseconds of a nanosecond clock, and the rows just written
        // would otherwise be older than this refresh and removed as left over.
        Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        RiskForecast.Profiles current = forecast.profiles();
        int profiles = 0;
        if (current.computedAt() == null || current.computedAt().isBefore(now.minus(properties.profileMaxAge()))) {
            profiles = forecast.recomputeProfiles();
        }
        List<NodeDeadline> open = new ArrayList<>();
        transactions.executeWithoutResult(status -> history.open(open::add));
        List<NodeRisk> risks = open.stream().map(forecast::assess).toList();
        transactions.executeWithoutResult(status -> store(risks, now));
        int warned = 0;
        for (int i = 0; i < open.size(); i++) {
            NodeDeadline node = open.get(i);
            NodeRisk risk = risks.get(i);
            if (node.colour() == Colour.GREEN && !node.paused() && risk.risk() >= properties.warningThreshold()) {
                try {
                    Boolean sent = transactions.execute(status -> warn(node, risk, now));
                    warned += Boolean.TRUE.equals(sent) ? 1 : 0;
                } catch (RuntimeException e) {
                    log.warn("Risk warning of node deadline {} failed, will retry on the next refresh", node.id(), e);
                }
            }
        }
        return new Result(profiles, risks.size(), warned);
    }

    private void refreshLogged() {
        try {
            Result result = refresh();
            if (result.profiles() + result.warned() > 0) {
                log.info("Risk forecast: {} profiles recomputed, {} open nodes assessed, {} warned", result.profiles(), result.nodes(),
                        result.warned());
            }
        } catch (RuntimeException e) {
            log.warn("Risk forecast refresh failed, will retry on the next run", e);
        }
    }

    private void store(List<NodeRisk> risks, Instant now) {
        Timestamp at = Timestamp.from(now);
        for (NodeRisk r : risks) {
            Object[] values = {r.orderId(), r.orderNo(), r.typeCode(), r.nodeCode(), r.orgPath(), r.handler(),
                    Timestamp.from(r.dueAt()), r.risk(), Math.min(r.used(), 99), r.basis().name(), r.cases(), r.lateShare(), at};
            int updated = jdbc.sql("""
                    update insight_node_risk set order_id = ?, order_no = ?, type_code = ?, node_code = ?,
                        org_path = ?, handler = ?, due_at = ?, risk = ?, used = ?, basis = ?, cases = ?, late_share = ?,
                        computed_at = ?
                     where deadline_id = ?""").params(append(values, r.deadlineId())).update();
            if (updated == 0) {
                jdbc.sql("""
                        insert into insight_node_risk (order_id, order_no, type_code, node_code, org_path, handler,
                            due_at, risk, used, basis, cases, late_share, computed_at, deadline_id)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""").params(append(values, r.deadlineId())).update();
            }
        }
        // Nodes done since the last refresh leave the board.
        jdbc.sql("delete from insight_node_risk where computed_at < ?").param(at).update();
    }

    private static Object[] append(Object[] values, Object last) {
        Object[] all = java.util.Arrays.copyOf(values, values.length + 1);
        all[values.length] = last;
        return all;
    }

    /** Claims the node's one warning and tells the handler (or, unsigned, nobody yet) and the department head. */
    private boolean warn(NodeDeadline node, NodeRisk risk, Instant now) {
        if (jdbc.sql("update insight_node_risk set warned_at = ? where deadline_id = ? and warned_at is null")
                .params(Timestamp.from(now), node.id()).update() != 1) {
            return false;
        }
        Set<String> recipients = new LinkedHashSet<>();
        if (node.handler() != null) {
            recipients.add(node.handler());
        }
        long unit = node.handlerOrgUnitId() != null ? node.handlerOrgUnitId() : stationOf(node.orgPath());
        orgUnits.departmentHeadOf(unit).map(StaffMember::username).ifPresent(recipients::add);
        String nodeName = messages.getMessage("catalogue.node." + node.nodeCode(), null, node.nodeCode(), SMS_LOCALE);
        int sent = 0;
        for (String username : recipients) {
            Optional<String> mobile = staff.mobileOf(username);
            if (mobile.isPresent()) {
                notifications.sms(mobile.get(), "risk-warning", Map.of("number", node.orderNo(), "node", nodeName, "risk",
                        risk.riskPercent() + "%", "due", SMS_TIME.format(node.dueAt().atZone(clock.getZone()))), node.orderNo());
                sent++;
            }
        }
        audit.record(InsightAudit.RISK_WARNED, "application", node.orderNo(), "node=" + node.nodeCode() + " risk="
                + risk.riskPercent() + "% to=" + recipients + " sms=" + sent);
        return true;
    }

    /** The order's station: the last unit of its org path. */
    private static long stationOf(String orgPath) {
        String[] parts = orgPath.split("/");
        return Long.parseLong(parts[parts.length - 1]);
    }
}
