package org.yekuo.insight;

import java.sql.Date;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.yekuo.catalogue.BusinessTypeDefinition;
import org.yekuo.catalogue.Catalogue;
import org.yekuo.catalogue.KeyNode;
import org.yekuo.catalogue.LimitUnit;
import org.yekuo.catalogue.TimeLimit;
import org.yekuo.deadline.Colour;
import org.yekuo.identity.CurrentUser;
import org.yekuo.identity.OrgUnit;
import org.yekuo.identity.OrgUnits;
import org.yekuo.shared.DomainException;

/**
 * The bottleneck view (R-SLA-9): the directly-follows graph of the nodes of a period, business type and station
 * within the reader's scope, each transition with the median and 90th percentile of its waiting time (reached until
 * signed for), working time (signed for until done) and both, in working days, coloured against the node's limit
 * in the catalogue (for HV types the State Grid's assessed limits); the five slowest transitions in words; and the
 * orders finished in the period against their whole-process target. Read from the monthly aggregates only.
 */
@Service
@Transactional(readOnly = true)
public class Bottlenecks {

    static final int MAX_MONTHS = 24;
    /** A transition needs this many cases to be named among the slowest (fewer say little). */
    static final int MIN_CASES = 5;
    static final double RED_LATE_SHARE = 0.2;
    static final double YELLOW_LATE_SHARE = 0.05;

    private final JdbcClient jdbc;
    private final Catalogue catalogue;
    private final OrgUnits orgUnits;
    private final ProcessTargets targets;
    private final MessageSource messages;

    Bottlenecks(JdbcClient jdbc, Catalogue catalogue, OrgUnits orgUnits, ProcessTargets targets, MessageSource messages) {
        this.jdbc = jdbc;
        this.catalogue = catalogue;
        this.orgUnits = orgUnits;
        this.targets = targets;
        this.messages = messages;
    }

    /** What to show: months {@code from} to {@code to} (both included), optionally one business type and one org unit. */
    public record Query(YearMonth from, YearMonth to, String typeCode, String orgCode) {
    }

    /**
     * One transition "from → to" (from {@code START} for an order's first node). Times in working days; waiting and
     * working only over the {@code timedCases} whose sign-for time is known. {@code limitDays} and {@code assessed}
     * (a node the State Grid rules assess) only when one business type is shown.
     */
    public record Transition(String fromNode, String toNode, long cases, long lateCases, long timedCases, double waitingMedian,
            double waitingP90, double workingMedian, double workingP90, double totalMedian, double totalP90, Double limitDays,
            boolean assessed, Colour colour) {

        public int latePercent() {
            return cases == 0 ? 0 : (int) Math.round(100.0 * lateCases / cases);
        }
    }

    /**
     * The orders finished in the period: {@code onTime} by the State Grid rule for HV (all assessed nodes on time) and
     * by the whole-process target for the others; durations in working days; {@code target} only for one type.
     */
    public record OrderSummary(long orders, long onTime, long withinTarget, double durationMedian, double durationP90,
            Integer target, boolean nodeByNode) {

        public int onTimePercent() {
            return orders == 0 ? 0 : (int) Math.round(100.0 * onTime / orders);
        }

        public int withinTargetPercent() {
            return orders == 0 ? 0 : (int) Math.round(100.0 * withinTarget / orders);
        }
    }

    /** The view; {@code from} and {@code to} as yyyy-MM. */
    public record View(String from, String to, String typeCode, String orgCode, List<Transition> transitions,
            List<Transition> slowest, List<String> slowestInWords, OrderSummary orders) {
    }

    /** A month as yyyy-MM, or a refusal naming the field; null when blank. */
    public static YearMonth month(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return YearMonth.parse(value.trim());
        } catch (java.time.format.DateTimeParseException e) {
            throw DomainException.invalid(field, "insight.bottleneck.month-invalid", value.trim());
        }
    }

    public View view(CurrentUser user, Query query, Locale locale) {
        if (query.from() == null) {
            throw DomainException.invalid("from", "insight.bottleneck.from-required");
        }
        if (query.to() == null) {
            throw DomainException.invalid("to", "insight.bottleneck.to-required");
        }
        if (query.to().isBefore(query.from())) {
            throw DomainException.invalid("to", "insight.bottleneck.period-order", query.from().toString(), query.to().toString());
        }
        if (query.from().plusMonths(MAX_MONTHS).isBefore(query.to().plusMonths(1))) {
            throw DomainException.invalid("to", "insight.bottleneck.period-too-long", MAX_MONTHS);
        }
        String type = blankToNull(query.typeCode());
        Optional<BusinessTypeDefinition> plan = type == null ? Optional.empty() : catalogue.findCurrent(type);
        if (type != null && plan.isEmpty()) {
            throw DomainException.invalid("type", "insight.bottleneck.type-unknown", type);
        }
        String scope = scopeOf(user, blankToNull(query.orgCode()));
        String where = "period_month >= :from and period_month <= :to and station_path like :scope" + (type == null ? "" : " and type_code = :type");
        Map<String, Object> params = Map.of("from", Date.valueOf(query.from().atDay(1)), "to", Date.valueOf(query.to().atDay(1)),
                "scope", scope, "type", type == null ? "" : type);

        Map<String, Merged> merged = new LinkedHashMap<>();
        jdbc.sql("select from_node, to_node, cases, late_cases, timed_cases, waiting_hist, working_hist, total_hist from insight_flow_month where "
                + where).params(params).query(rs -> {
                    Merged m = merged.computeIfAbsent(rs.getString(1) + ">" + rs.getString(2), k -> new Merged());
                    m.add(rs.getInt(3), rs.getInt(4), rs.getInt(5), Histogram.decoded(rs.getString(6)), Histogram.decoded(rs.getString(7)),
                            Histogram.decoded(rs.getString(8)));
                });
        if (merged.isEmpty()) {
            throw DomainException.invalid("from", "insight.bottleneck.empty", query.from().toString(), query.to().toString());
        }
        List<Transition> transitions = new ArrayList<>();
        merged.forEach((key, m) -> {
            String[] nodes = key.split(">", 2);
            transitions.add(m.transition(nodes[0], nodes[1], plan.orElse(null)));
        });
        transitions.sort(Comparator.comparingInt((Transition t) -> position(t.fromNode())).thenComparingInt(t -> position(t.toNode())));

        List<Transition> candidates = transitions.stream().filter(t -> t.cases() >= MIN_CASES).toList();
        List<Transition> slowest = (candidates.isEmpty() ? transitions : candidates).stream()
                .sorted(Comparator.comparingDouble(Transition::totalMedian).thenComparingDouble(Transition::totalP90).reversed())
                .limit(5).toList();
        List<String> words = slowest.stream().map(t -> inWords(t, locale)).toList();

        long[] counts = new long[3];
        Histogram duration = new Histogram();
        jdbc.sql("select orders, on_time, within_target, duration_hist from insight_order_month where " + where).params(params)
                .query(rs -> {
                    counts[0] += rs.getInt(1);
                    counts[1] += rs.getInt(2);
                    counts[2] += rs.getInt(3);
                    duration.merge(Histogram.decoded(rs.getString(4)));
                });
        OrderSummary orders = new OrderSummary(counts[0], counts[1], counts[2], duration.quantile(0.5), duration.quantile(0.9),
                type == null ? null : targets.target(type).orElse(null), plan.map(targets::nodeByNode).orElse(false));
        return new View(query.from().toString(), query.to().toString(), type, blankToNull(query.orgCode()), transitions, slowest, words, orders);
    }

    /** The reader's scope, or the org unit's within it, as a LIKE pattern of station paths. */
    private String scopeOf(CurrentUser user, String orgCode) {
        if (orgCode == null) {
            return user.scope().likePattern();
        }
        Optional<OrgUnit> unit = orgUnits.within(user.scope()).stream().filter(u -> u.code().equals(orgCode)).findFirst();
        if (unit.isEmpty()) {
            // Whether it exists elsewhere is not the reader's business: it is not theirs to see.
            throw DomainException.forbidden("insight.bottleneck.org-not-visible", orgCode);
        }
        return unit.get().scope().likePattern();
    }

    private String inWords(Transition t, Locale locale) {
        String to = nodeName(t.toNode(), locale);
        String from = FlowAggregates.START.equals(t.fromNode()) ? messages.getMessage("insight.bottleneck.start", null, locale)
                : nodeName(t.fromNode(), locale);
        String limit = t.limitDays() == null ? ""
                : messages.getMessage("insight.bottleneck.words-limit", new Object[] {limit(t.limitDays())}, locale);
        String split = t.timedCases() == 0 ? ""
                : messages.getMessage("insight.bottleneck.words-split", new Object[] {days(t.waitingMedian()), days(t.workingMedian())}, locale);
        return messages.getMessage("insight.bottleneck.words", new Object[] {from, to, days(t.totalMedian()), days(t.totalP90()),
                String.valueOf(t.latePercent()), String.valueOf(t.cases()), limit, split}, locale);
    }

    private String nodeName(String code, Locale locale) {
        return messages.getMessage("catalogue.node." + code, null, code, locale);
    }

    static String days(double days) {
        return String.format(Locale.ROOT, "%.1f", days);
    }

    /** A limit in working days: whole days as such, a limit in hours to one decimal. */
    static String limit(double days) {
        return days == Math.rint(days) ? String.valueOf((long) days) : days(days);
    }

    public String formatLimit(double days) {
        return limit(days);
    }

    /** Working days to one decimal, for the page. */
    public String format(double days) {
        return days(days);
    }

    private static int position(String nodeCode) {
        if (FlowAggregates.START.equals(nodeCode)) {
            return -1;
        }
        for (KeyNode node : KeyNode.values()) {
            if (node.name().equals(nodeCode)) {
                return node.ordinal();
            }
        }
        return KeyNode.values().length;
    }

    /** A node's limit in working days (a limit in hours as its share of an 8-hour day; "the same day" as one day). */
    static Double limitDays(TimeLimit limit) {
        if (limit == null) {
            return null;
        }
        return limit.unit() == LimitUnit.WORKING_HOURS ? limit.amount() / 8.0 : Math.max(1, limit.amount());
    }

    private static final class Merged {
        long cases;
        long late;
        long timed;
        final Histogram waiting = new Histogram();
        final Histogram working = new Histogram();
        final Histogram total = new Histogram();

        void add(int cases, int late, int timed, Histogram waiting, Histogram working, Histogram total) {
            this.cases += cases;
            this.late += late;
            this.timed += timed;
            this.waiting.merge(waiting);
            this.working.merge(working);
            this.total.merge(total);
        }

        Transition transition(String from, String to, BusinessTypeDefinition plan) {
            Double limit = null;
            boolean assessed = false;
            if (plan != null && position(to) < KeyNode.values().length) {
                limit = limitDays(plan.limitOf(KeyNode.valueOf(to)).orElse(null));
                assessed = ProcessTargets.assessed(plan, to);
            }
            double median = total.quantile(0.5);
            double p90 = total.quantile(0.9);
            double lateShare = cases == 0 ? 0 : (double) late / cases;
            Colour colour = lateShare >= RED_LATE_SHARE || (limit != null && median > limit) ? Colour.RED
                    : lateShare >= YELLOW_LATE_SHARE || (limit != null && p90 > limit) ? Colour.YELLOW : Colour.GREEN;
            return new Transition(from, to, cases, late, timed, waiting.quantile(0.5), waiting.quantile(0.9), working.quantile(0.5),
                    working.quantile(0.9), median, p90, limit, assessed, colour);
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
