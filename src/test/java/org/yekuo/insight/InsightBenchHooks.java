package org.yekuo.insight;

import java.time.Clock;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

import org.springframework.context.ApplicationContext;

/** What the benchmark needs of the insight module's internals: recomputing the monthly aggregates as the background job does. */
public final class InsightBenchHooks {

    private InsightBenchHooks() {
    }

    /** Recomputes the aggregates of the last {@code months} months (this one included); answers how many. */
    public static int recompute(ApplicationContext context, int months) {
        YearMonth current = YearMonth.now(context.getBean(Clock.class));
        List<YearMonth> all = new ArrayList<>();
        for (int i = months - 1; i >= 0; i--) {
            all.add(current.minusMonths(i));
        }
        context.getBean(FlowAggregates.class).recompute(all);
        return all.size();
    }
}
