package org.yekuo.bench;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.yekuo.identity.CurrentUser;
import org.yekuo.identity.Role;
import org.yekuo.insight.Bottlenecks;
import org.yekuo.insight.InsightBenchHooks;
import org.yekuo.insight.WhatIfs;
import org.yekuo.shared.DomainException;

/**
 * The insight module's reads at scale: recomputing the bottleneck view's monthly aggregates (the background job), the
 * view of a year for the whole company and for one station, and the what-if simulation of one station and of the
 * company. The baseline is the cheapest read of the same history: counting the nodes completed in the last year on
 * the completion index, which any view read straight from the history would at least cost.
 */
final class InsightProbe {

    static final String SECTION = "insight";
    private static final int RUNS = 5;

    private final ApplicationContext context;
    private final JdbcClient jdbc;
    private final Clock clock;

    InsightProbe(ApplicationContext context) {
        this.context = context;
        this.jdbc = context.getBean(JdbcClient.class);
        this.clock = context.getBean(Clock.class);
    }

    void measure(Results results) {
        Instant yearAgo = clock.instant().minus(Duration.ofDays(365));
        long[] nodes = new long[1];
        double baseline = median(() -> {
            nodes[0] = jdbc.sql("select count(*) from node_deadline where completed_at >= ?").param(Timestamp.from(yearAgo))
                    .query(Long.class).single();
            return nodes[0];
        });
        results.add(SECTION, "baseline: count the nodes completed in the last year (index)", baseline, "ms", null,
                nodes[0] + " nodes");

        long start = System.nanoTime();
        int months = InsightBenchHooks.recompute(context, 13);
        double recompute = (System.nanoTime() - start) / 1e9;
        long rows = jdbc.sql("select count(*) from insight_flow_month").query(Long.class).single();
        results.add(SECTION, "monthly aggregates recomputed (background, " + months + " months)", recompute, "s", "< 15 min once an hour",
                rows + " transition rows; " + String.format(Locale.ROOT, "%.0f", recompute * 1000 / Math.max(1, nodes[0] / 1000.0))
                        + " ms per 1,000 nodes of the last year");

        String company = jdbc.sql("select path from org_unit where code = 'YK'").query(String.class).single();
        CurrentUser leader = new CurrentUser(0, "leader", "leader", 0, "", "", company, company, Set.of(Role.LEADER));
        YearMonth to = YearMonth.now(clock);
        YearMonth from = to.minusMonths(11);
        timed(results, "bottleneck view, company, 12 months", "< 1,000 ms", baseline, () -> context.getBean(Bottlenecks.class)
                .view(leader, new Bottlenecks.Query(from, to, null, null), Locale.SIMPLIFIED_CHINESE).transitions().size());
        // The station with most orders accepted lately: one that has history to measure and simulate.
        String station = jdbc.sql("""
                select u.code from node_deadline d join org_unit u on d.org_path like concat(u.path, '%')
                 where u.kind = 'STATION' and d.node_code = 'ACCEPTANCE' and d.completed_at >= ?
                 group by u.code order by count(*) desc limit 1""").param(Timestamp.from(yearAgo)).query(String.class).optional()
                .orElse(null);
        if (station == null) {
            results.add(SECTION, "bottleneck view and what-if", null, "", null, "no station accepted an order in the last year");
            return;
        }
        timed(results, "bottleneck view, one station, 12 months", "< 1,000 ms", baseline, () -> context.getBean(Bottlenecks.class)
                .view(leader, new Bottlenecks.Query(from, to, null, station), Locale.SIMPLIFIED_CHINESE).transitions().size());

        WhatIfs whatIfs = context.getBean(WhatIfs.class);
        timed(results, "what-if, one station, 3 months", "< 5,000 ms", baseline, () -> whatIfs.simulate(leader,
                new WhatIfs.Scenario(station, 3, Map.of(), Map.of(), null)).months().size());
        timed(results, "what-if, company, 3 months", "< 30,000 ms", baseline, () -> whatIfs.simulate(leader,
                new WhatIfs.Scenario(null, 3, Map.of(), Map.of(), null)).months().size());
    }

    /** One read, timed against the baseline; a scope without history is reported as such, not as a failure. */
    private static void timed(Results results, String name, String target, double baseline, Supplier<Object> call) {
        try {
            double millis = median(call);
            results.add(SECTION, name, millis, "ms", target,
                    String.format(Locale.ROOT, "%.2f", millis / Math.max(baseline, 0.01)) + " x the baseline count");
        } catch (DomainException e) {
            results.add(SECTION, name, null, "ms", target, "not measured: " + e.getMessage());
        }
    }

    /** The median of {@link #RUNS} timed calls, in milliseconds, after one untimed call. */
    private static double median(Supplier<Object> call) {
        call.get();
        double[] times = new double[RUNS];
        for (int i = 0; i < RUNS; i++) {
            long start = System.nanoTime();
            call.get();
            times[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(times);
        return times[RUNS / 2];
    }
}
