package org.yekuo.deadline.report;

import java.util.List;

/**
 * The on-time leaderboard of a month (R-SLA-7). A member of staff's rate is the share of the nodes
 * they completed in the month that were done by the deadline and never turned red; only staff with at
 * least {@code minimumCompleted} such nodes are ranked, so that two lucky tasks do not top the board.
 * The top 10% of the ranked (at least one) make the board; {@code awardPriority} marks those on it
 * three months running, this month included.
 *
 * @param ranked how many members of staff qualified for ranking
 */
public record Leaderboard(String month, String scopeName, int minimumCompleted, int ranked, List<Entry> top) {

    /** @param rate on-time share in percent, one decimal */
    public record Entry(int rank, String username, String name, long completed, long onTime, double rate,
            boolean awardPriority) {
    }
}
