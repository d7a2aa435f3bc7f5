package org.yekuo.insight;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.yekuo.catalogue.BusinessTypeDefinition;
import org.yekuo.catalogue.Catalogue;
import org.yekuo.catalogue.NodeDefinition;
import org.yekuo.deadline.DeadlineHistory;
import org.yekuo.deadline.NodeDeadline;

/**
 * Keeps the bottleneck view's monthly aggregates up to date in the background: for each month not computed yet,
 * or not computed since a day after it ended, one pass over the history (orders reached up to a year before, so
 * that each node finds the node it followed) counts every transition of the directly-follows graph by business
 * type and station, and every order finished in the month with its whole duration. The view then merges a few
 * rows per month instead of reading the history.
 */
@Component
class FlowAggregates implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(FlowAggregates.class);
    static final String START = "START";
    /** How far before a month the nodes of its orders are read: the longest HV orders run for months. */
    private static final int LOOK_BACK_MONTHS = 12;

    private final DeadlineHistory history;
    private final RiskForecast forecast;
    private final Catalogue catalogue;
    private final ProcessTargets targets;
    private final WorkingDays workingDays;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final InsightProperties properties;
    private final Clock clock;

    FlowAggregates(DeadlineHistory history, RiskForecast forecast, Catalogue catalogue, ProcessTargets targets, WorkingDays workingDays,
            JdbcTemplate jdbc, TransactionTemplate transactions, InsightProperties properties, Clock clock) {
        this.history = history;
        this.forecast = forecast;
        this.catalogue = catalogue;
        this.targets = targets;
        this.workingDays = workingDays;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        if (properties.aggregatesEnabled()) {
            registrar.addFixedDelayTask(this::refreshLogged, properties.aggregatesInterval());
        }
    }

    private void refreshLogged() {
        try {
            List<YearMonth> months = refresh();
            log.debug("Bottleneck aggregates recomputed for {}", months);
        } catch (RuntimeException e) {
            log.warn("Bottleneck aggregates failed, will retry on the next run", e);
        }
    }

    /** Recomputes the months that are stale now; answers them. */
    List<YearMonth> refresh() {
        Instant now = clock.instant();
        ZoneId zone = clock.getZone();
        YearMonth current = YearMonth.from(now.atZone(zone));
        Map<YearMonth, Instant> computed = new HashMap<>();
        jdbc.query("select period_month, computed_at from insight_month_computed",
                rs -> {
                    computed.put(YearMonth.from(rs.getDate(1).toLocalDate()), rs.getTimestamp(2).toInstant());
                });
        List<YearMonth> stale = new ArrayList<>();
        for (int i = properties.aggregateMonths() - 1; i >= 0; i--) {
            YearMonth month = current.minusMonths(i);
            Instant at = computed.get(month);
            Instant settled = month.plusMonths(1).atDay(1).plusDays(1).atStartOfDay(zone).toInstant();
            if (at == null || at.isBefore(settled)) {
                stale.add(month);
            }
        }
        recompute(stale);
        return stale;
    }

    /** Recomputes the aggregates of these months from the history, replacing what they held. */
    void recompute(List<YearMonth> months) {
        if (months.isEmpty()) {
            return;
        }
        ZoneId zone = clock.getZone();
        Instant now = clock.instant();
        TreeSet<YearMonth> wanted = new TreeSet<>(months);
        Instant from = wanted.first().minusMonths(LOOK_BACK_MONTHS).atDay(1).atStartOfDay(zone).toInstant();
        Instant to = wanted.last().plusMonths(1).atDay(1).atStartOfDay(zone).toInstant();
        Map<FlowKey, FlowCounts> flows = new HashMap<>();
        Map<OrderKey, OrderCounts> orders = new HashMap<>();
        Map<PoolKey, PoolCounts> pools = new HashMap<>();
        List<NodeDeadline> order = new ArrayList<>();
        transactions.executeWithoutResult(status -> history.reached(from, to, "%", null, node -> {
            if (!order.isEmpty() && order.get(0).orderId() != node.orderId()) {
                observe(order, wanted, zone, flows, orders, pools);
                order.clear();
            }
            order.add(node);
        }));
        if (!order.isEmpty()) {
            observe(order, wanted, zone, flows, orders, pools);
        }
        transactions.executeWithoutResult(status -> store(wanted, flows, orders, pools, now));
    }

    record FlowKey(YearMonth month, String typeCode, String station, String fromNode, String toNode, String roles) {
    }

    record PoolKey(YearMonth month, String station, String roles) {
    }

    static final class PoolCounts {
        final java.util.Set<String> handlers = new java.util.HashSet<>();
        int nodes;
    }

    static final class FlowCounts {
        int cases;
        int late;
        int timed;
        final Histogram waiting = new Histogram();
        final Histogram working = new Histogram();
        final Histogram total = new Histogram();
    }

    record OrderKey(YearMonth month, String typeCode, String station) {
    }

    static final class OrderCounts {
        int orders;
        int onTime;
        int withinTarget;
        final Histogram duration = new Histogram();
    }

    /** One order's nodes in the order reached: its transitions, and the order itself when it finished in a wanted month. */
    private void observe(List<NodeDeadline> nodes, TreeSet<YearMonth> wanted, ZoneId zone, Map<FlowKey, FlowCounts> flows,
            Map<OrderKey, OrderCounts> orders, Map<PoolKey, PoolCounts> pools) {
        String station = forecast.stationPath(nodes.get(0).orgPath());
        String typeCode = nodes.get(0).typeCode();
        String before = START;
        String stepCode = null;
        Instant stepReached = null;
        for (NodeDeadline node : nodes) {
            // Branches of one step reached together (the parallel department reviews) all follow the step before.
            boolean sameStep = node.nodeCode().equals(stepCode) && node.reachedAt().equals(stepReached);
            if (!sameStep) {
                if (stepCode != null) {
                    before = stepCode;
                }
                stepCode = node.nodeCode();
                stepReached = node.reachedAt();
            }
            if (node.completedAt() == null || node.cancelled()) {
                continue;
            }
            YearMonth month = YearMonth.from(node.completedAt().atZone(zone));
            if (!wanted.contains(month)) {
                continue;
            }
            String roles = String.join(",", node.roles());
            FlowCounts counts = flows.computeIfAbsent(new FlowKey(month, typeCode, station, before, node.nodeCode(), roles),
                    k -> new FlowCounts());
            PoolCounts pool = pools.computeIfAbsent(new PoolKey(month, station, roles), k -> new PoolCounts());
            pool.nodes++;
            if (node.handler() != null) {
                pool.handlers.add(node.handler());
            }
            counts.cases++;
            counts.late += RiskForecast.late(node, node.completedAt()) ? 1 : 0;
            counts.total.add(workingDays.between(node.reachedAt(), node.completedAt(), zone));
            if (node.signedAt() != null && !node.signedAt().isAfter(node.completedAt())) {
                counts.timed++;
                counts.waiting.add(workingDays.between(node.reachedAt(), node.signedAt(), zone));
                counts.working.add(workingDays.between(node.signedAt(), node.completedAt(), zone));
            }
        }
        observeOrder(nodes, typeCode, station, wanted, zone, orders);
    }

    private void observeOrder(List<NodeDeadline> nodes, String typeCode, String station, TreeSet<YearMonth> wanted, ZoneId zone,
            Map<OrderKey, OrderCounts> orders) {
        NodeDeadline first = nodes.get(0);
        Optional<BusinessTypeDefinition> plan = first.typeVersion() > 0 ? Optional.of(catalogue.version(typeCode, first.typeVersion()))
                : catalogue.findCurrent(typeCode);
        if (plan.isEmpty() || plan.get().nodes().isEmpty() || nodes.stream().anyMatch(NodeDeadline::cancelled)) {
            return;
        }
        List<NodeDefinition> planned = plan.get().nodes();
        String lastCode = planned.get(planned.size() - 1).node().name();
        Instant finished = nodes.stream().filter(n -> n.nodeCode().equals(lastCode) && n.completedAt() != null)
                .map(NodeDeadline::completedAt).max(Instant::compareTo).orElse(null);
        // Still open somewhere (a node sent back after the last one was reached) is not finished either.
        if (finished == null || nodes.stream().anyMatch(NodeDeadline::open)) {
            return;
        }
        YearMonth month = YearMonth.from(finished.atZone(zone));
        if (!wanted.contains(month)) {
            return;
        }
        double days = workingDays.between(first.reachedAt(), finished, zone);
        int target = targets.target(typeCode).orElse(Integer.MAX_VALUE);
        boolean withinTarget = days <= target;
        boolean onTime = targets.nodeByNode(plan.get())
                ? nodes.stream().filter(n -> ProcessTargets.assessed(plan.get(), n.nodeCode())).noneMatch(n -> RiskForecast.late(n, n.completedAt()))
                : withinTarget;
        OrderCounts counts = orders.computeIfAbsent(new OrderKey(month, typeCode, station), k -> new OrderCounts());
        counts.orders++;
        counts.onTime += onTime ? 1 : 0;
        counts.withinTarget += withinTarget ? 1 : 0;
        counts.duration.add(days);
    }

    private void store(TreeSet<YearMonth> months, Map<FlowKey, FlowCounts> flows, Map<OrderKey, OrderCounts> orders,
            Map<PoolKey, PoolCounts> pools, Instant now) {
        for (YearMonth month : months) {
            Date day = Date.valueOf(month.atDay(1));
            jdbc.update("delete from insight_flow_month where period_month = ?", day);
            jdbc.update("delete from insight_order_month where period_month = ?", day);
            jdbc.update("delete from insight_staff_month where period_month = ?", day);
            if (jdbc.update("update insight_month_computed set computed_at = ? where period_month = ?", Timestamp.from(now), day) == 0) {
                jdbc.update("insert into insight_month_computed (period_month, computed_at) values (?, ?)", day, Timestamp.from(now));
            }
        }
        List<Object[]> flowRows = new ArrayList<>();
        flows.forEach((k, c) -> flowRows.add(new Object[] {Date.valueOf(k.month().atDay(1)), k.typeCode(), k.station(), k.fromNode(),
                k.toNode(), k.roles(), c.cases, c.late, c.timed, c.waiting.encoded(), c.working.encoded(), c.total.encoded()}));
        jdbc.batchUpdate("""
                insert into insight_flow_month (period_month, type_code, station_path, from_node, to_node, roles, cases, late_cases,
                    timed_cases, waiting_hist, working_hist, total_hist)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", flowRows);
        List<Object[]> poolRows = new ArrayList<>();
        pools.forEach((k, c) -> poolRows.add(new Object[] {Date.valueOf(k.month().atDay(1)), k.station(), k.roles(), c.handlers.size(),
                c.nodes}));
        jdbc.batchUpdate("""
                insert into insight_staff_month (period_month, station_path, roles, handlers, nodes) values (?, ?, ?, ?, ?)""", poolRows);
        List<Object[]> orderRows = new ArrayList<>();
        orders.forEach((k, c) -> orderRows.add(new Object[] {Date.valueOf(k.month().atDay(1)), k.typeCode(), k.station(), c.orders,
                c.onTime, c.withinTarget, c.duration.encoded()}));
        jdbc.batchUpdate("""
                insert into insight_order_month (period_month, type_code, station_path, orders, on_time, within_target, duration_hist)
                values (?, ?, ?, ?, ?, ?, ?)""", orderRows);
    }
}
