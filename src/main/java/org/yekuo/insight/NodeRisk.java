package org.yekuo.insight;

import java.time.Instant;

import org.yekuo.catalogue.TimeLimit;

/**
 * The forecast of one open node: the probability that it finishes after its deadline, given how much of
 * its limit it has used ({@code used}, 1 = all), and the history behind it: {@code cases} nodes of
 * {@code basis}, of which the share {@code lateShare} ran late. {@code limit} may be null for a node whose
 * catalogue version names none.
 */
public record NodeRisk(long deadlineId, long orderId, String orderNo, String typeCode, String nodeCode, String orgPath,
        String handler, Instant dueAt, double risk, double used, Basis basis, int cases, double lateShare, TimeLimit limit) {

    public int riskPercent() {
        return (int) Math.round(risk * 100);
    }

    public int usedPercent() {
        return (int) Math.round(Math.min(used, 9.99) * 100);
    }

    public int lateSharePercent() {
        return (int) Math.round(lateShare * 100);
    }

    /** Whether there is a forecast: enough history, or the node is past its deadline already. */
    public boolean forecast() {
        return basis != Basis.NONE || risk >= 1;
    }

    public RiskLevel level() {
        return RiskLevel.of(risk);
    }
}
