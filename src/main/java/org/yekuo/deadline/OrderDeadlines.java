package org.yekuo.deadline;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An order's deadlines as its page shows them to one reader: the nodes with their colours, the delay
 * explanations filed, the locked nodes the reader may explain, and whether the reader is the leader in
 * charge who decides on them.
 */
public record OrderDeadlines(List<NodeDeadline> nodes, List<DelayExplanation> explanations, Set<Long> explainable,
        boolean leaderInCharge) {

    /** The nodes' deadlines by the id of their task, for the rows of a timeline. */
    public Map<String, NodeDeadline> byTask() {
        Map<String, NodeDeadline> byTask = new HashMap<>();
        nodes.stream().filter(n -> n.taskId() != null).forEach(n -> byTask.putIfAbsent(n.taskId(), n));
        return byTask;
    }

    public boolean locked() {
        return nodes.stream().anyMatch(NodeDeadline::locked);
    }

    public boolean paused() {
        return nodes.stream().anyMatch(n -> n.open() && n.paused());
    }

    /** The six categories an explanation chooses from, in order. */
    public DelayCategory[] categories() {
        return DelayCategory.values();
    }

    public boolean hasPending() {
        return explanations.stream().anyMatch(e -> e.status() == ExplanationStatus.PENDING);
    }
}
