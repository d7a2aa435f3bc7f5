package org.yekuo.insight;

import java.time.Clock;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Service;

/**
 * Brings everything insight keeps in the background up to date at once, for a history that arrived all at once
 * (the demo's): the bottleneck view's monthly aggregates of every month shown, the risk profiles and the forecast of
 * every open node. The background jobs would otherwise take up to a day (profiles) or an hour (aggregates).
 */
@Service
public class InsightRecomputation {

    private final FlowAggregates aggregates;
    private final RiskForecast forecast;
    private final RiskRefresh refresh;
    private final InsightProperties properties;
    private final Clock clock;

    InsightRecomputation(FlowAggregates aggregates, RiskForecast forecast, RiskRefresh refresh, InsightProperties properties,
            Clock clock) {
        this.aggregates = aggregates;
        this.forecast = forecast;
        this.refresh = refresh;
        this.properties = properties;
        this.clock = clock;
    }

    /** Recomputes the aggregates, the profiles and the open nodes' forecasts; answers the open nodes assessed. */
    public int recomputeAll() {
        YearMonth current = YearMonth.now(clock);
        List<YearMonth> months = new ArrayList<>();
        for (int i = properties.aggregateMonths() - 1; i >= 0; i--) {
            months.add(current.minusMonths(i));
        }
        aggregates.recompute(months);
        forecast.recomputeProfiles();
        return refresh.refresh().nodes();
    }
}
