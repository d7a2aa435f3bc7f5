package org.yekuo.insight;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.yekuo.calendar.WorkingCalendar;
import org.yekuo.catalogue.LimitUnit;
import org.yekuo.deadline.ClockPause;
import org.yekuo.deadline.Deadlines;
import org.yekuo.deadline.NodeDeadline;

/**
 * The customer's clock (R-SLA-8/9): for each node the order has reached, the working time the utility used
 * against the node's limit, and apart from it the time the clock stood still while the utility waited for
 * the customer, for what; with the order's forecast. What the progress page shows the applicant.
 */
@Service
@Transactional(readOnly = true)
public class CustomerClock {

    private final Deadlines deadlines;
    private final WorkingCalendar calendar;
    private final RiskForecast forecast;
    private final Clock clock;

    CustomerClock(Deadlines deadlines, WorkingCalendar calendar, RiskForecast forecast, Clock clock) {
        this.deadlines = deadlines;
        this.calendar = calendar;
        this.forecast = forecast;
        this.clock = clock;
    }

    public enum State {
        ON_TIME, LATE, RUNNING, WAITING_FOR_CUSTOMER;

        public String messageKey() {
            return "insight.clock.state." + name();
        }
    }

    /**
     * One node: {@code used} working days (or hours, by {@code unit}) of the utility's own time against
     * {@code limit}; {@code customerDays} the working days it waited for the customer meanwhile.
     */
    public record Node(String nodeCode, LocalDate reachedOn, LocalDate doneOn, int limit, LimitUnit unit, long used,
            long customerDays, State state) {

        public String messageKey() {
            return "catalogue.node." + nodeCode;
        }

        /** How full the clock is, 0..100, for the bar on the page. */
        public int percent() {
            return limit <= 0 ? 100 : (int) Math.min(100, Math.round(used * 100.0 / limit));
        }
    }

    /** A time the clock stood still: at which node, for what, from when to when (null: still waiting). */
    public record Pause(String nodeCode, String reason, LocalDate from, LocalDate to, long workingDays) {

        public String messageKey() {
            return "catalogue.node." + nodeCode;
        }
    }

    public record View(List<Node> nodes, List<Pause> pauses, long customerWorkingDays, OrderRisk risk) {

        public boolean hasRisk() {
            return risk != null && risk.informed();
        }
    }

    public View of(long orderId) {
        Instant now = clock.instant();
        List<NodeDeadline> rows = deadlines.ofOrder(orderId);
        List<ClockPause> stops = deadlines.pausesOf(orderId);
        List<Pause> pauses = new ArrayList<>();
        long customerDays = 0;
        for (ClockPause stop : stops) {
            LocalDate from = date(stop.pausedAt());
            LocalDate to = stop.resumedAt() == null ? null : date(stop.resumedAt());
            long days = workingDays(from, to == null ? date(now) : to);
            customerDays += days;
            pauses.add(new Pause(stop.nodeCode(), stop.reason(), from, to, days));
        }
        // A node's parallel tasks (one per reviewing department) are one node to the customer.
        Map<String, List<NodeDeadline>> visits = new LinkedHashMap<>();
        for (NodeDeadline row : rows) {
            if (!row.cancelled()) {
                visits.computeIfAbsent(row.nodeCode() + "@" + row.reachedAt(), k -> new ArrayList<>()).add(row);
            }
        }
        List<Node> nodes = new ArrayList<>();
        for (List<NodeDeadline> visit : visits.values()) {
            nodes.add(node(visit, stops, now));
        }
        Optional<OrderRisk> risk = forecast.ofOrder(orderId);
        return new View(nodes, pauses, customerDays, risk.orElse(null));
    }

    private Node node(List<NodeDeadline> visit, List<ClockPause> stops, Instant now) {
        NodeDeadline first = visit.get(0);
        boolean open = visit.stream().anyMatch(NodeDeadline::open);
        Instant end = open ? now : visit.stream().map(NodeDeadline::completedAt).max(Instant::compareTo).orElseThrow();
        Instant due = visit.stream().map(NodeDeadline::dueAt).max(Instant::compareTo).orElseThrow();
        boolean late = visit.stream().anyMatch(n -> RiskForecast.late(n, now));
        int limit = forecast.limitOf(first).map(l -> l.amount()).orElse(0);
        LimitUnit unit = first.limitUnit();
        long customer = 0;
        long used;
        if (unit == LimitUnit.WORKING_HOURS) {
            long paused = 0;
            for (ClockPause stop : stops) {
                if (within(stop, first.nodeCode(), first.reachedAt(), end)) {
                    paused += hours(stop.pausedAt(), stop.resumedAt() == null ? end : stop.resumedAt());
                    customer += workingDays(date(stop.pausedAt()), date(stop.resumedAt() == null ? end : stop.resumedAt()));
                }
            }
            used = Math.max(0, hours(first.reachedAt(), end) - paused);
        } else {
            for (ClockPause stop : stops) {
                if (within(stop, first.nodeCode(), first.reachedAt(), end)) {
                    customer += workingDays(date(stop.pausedAt()), date(stop.resumedAt() == null ? end : stop.resumedAt()));
                }
            }
            used = Math.max(0, workingDays(date(first.reachedAt()), date(end)) - customer);
        }
        State state = open ? (visit.stream().anyMatch(NodeDeadline::paused) ? State.WAITING_FOR_CUSTOMER : State.RUNNING)
                : late ? State.LATE : State.ON_TIME;
        if (open && late) {
            state = State.LATE;
        }
        return new Node(first.nodeCode(), date(first.reachedAt()), open ? null : date(end), limit, unit, used, customer, state);
    }

    private static boolean within(ClockPause stop, String nodeCode, Instant reached, Instant end) {
        return stop.nodeCode().equals(nodeCode) && !stop.pausedAt().isBefore(reached) && stop.pausedAt().isBefore(end.plusSeconds(1));
    }

    private long workingDays(LocalDate from, LocalDate to) {
        return to.isAfter(from) ? calendar.workingDaysBetween(from, to).value() : 0;
    }

    private long hours(Instant from, Instant to) {
        if (!to.isAfter(from)) {
            return 0;
        }
        return calendar.workingHoursBetween(LocalDateTime.ofInstant(from, clock.getZone()), LocalDateTime.ofInstant(to, clock.getZone()))
                .value().toHours();
    }

    private LocalDate date(Instant instant) {
        return LocalDate.ofInstant(instant, clock.getZone());
    }
}
