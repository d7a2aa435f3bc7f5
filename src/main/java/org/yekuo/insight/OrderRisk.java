package org.yekuo.insight;

import java.util.List;

/**
 * The forecast of an open order: the probability that it does not finish on time, where an order is on time
 * only when every assessed node is (R-SLA-9): one minus the product of each open node's chance to finish in
 * time and each node still ahead's historical on-time share, taking the nodes as independent. {@code informed}
 * is false when no node of the order has enough history to go by: then {@code risk} says nothing.
 */
public record OrderRisk(long orderId, double risk, List<NodeRisk> openNodes, int nodesAhead, boolean informed) {

    public int riskPercent() {
        return (int) Math.round(risk * 100);
    }

    public RiskLevel level() {
        return RiskLevel.of(risk);
    }
}
