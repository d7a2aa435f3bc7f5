package org.yekuo.insight;

import java.time.Duration;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Insight settings ({@code yekuo.insight.*}): the forecast of open nodes is refreshed every
 * {@code refresh-interval} (off with {@code refresh-enabled: false}); the history profiles are recomputed
 * when older than {@code profile-max-age}, from the nodes completed in the last {@code history-days}. A
 * station's own history is used when it has at least {@code min-cases} cases of the node, else the company's.
 * Handler and department head are warned once when a node's risk reaches {@code warning-threshold} before
 * it has turned yellow; 0.4 flagged three in four nodes that went late, on average after 29% of their window,
 * with the best balance of recall and precision in the backtest (docs/insight-backtest.md). The bottleneck view's
 * monthly aggregates of the last {@code aggregate-months} months are brought up to date every
 * {@code aggregates-interval}; {@code targets.<TYPE>} overrides a business type's whole-process target in working days.
 */
@ConfigurationProperties("yekuo.insight")
record InsightProperties(
        @DefaultValue("true") boolean refreshEnabled,
        @DefaultValue("15m") Duration refreshInterval,
        @DefaultValue("24h") Duration profileMaxAge,
        @DefaultValue("365") int historyDays,
        @DefaultValue("20") int minCases,
        @DefaultValue("0.4") double warningThreshold,
        Map<String, Integer> targets,
        @DefaultValue("true") boolean aggregatesEnabled,
        @DefaultValue("1h") Duration aggregatesInterval,
        @DefaultValue("13") int aggregateMonths) {

    InsightProperties {
        targets = targets == null ? Map.of() : Map.copyOf(targets);
    }
}
