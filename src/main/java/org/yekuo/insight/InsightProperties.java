package org.yekuo.insight;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Insight settings ({@code yekuo.insight.*}): the forecast of open nodes is refreshed every
 * {@code refresh-interval} (off with {@code refresh-enabled: false}); the history profiles are recomputed
 * when older than {@code profile-max-age}, from the nodes completed in the last {@code history-days}. A
 * station's own history is used when it has at least {@code min-cases} cases of the node, else the company's.
 * Handler and department head are warned once when a node's risk reaches {@code warning-threshold} before
 * it has turned yellow.
 */
@ConfigurationProperties("yekuo.insight")
record InsightProperties(
        @DefaultValue("true") boolean refreshEnabled,
        @DefaultValue("15m") Duration refreshInterval,
        @DefaultValue("24h") Duration profileMaxAge,
        @DefaultValue("365") int historyDays,
        @DefaultValue("20") int minCases,
        @DefaultValue("0.6") double warningThreshold) {
}
