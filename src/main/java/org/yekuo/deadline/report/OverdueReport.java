package org.yekuo.deadline.report;

import java.util.List;

/**
 * The monthly overdue analysis (R-SLA-5) of one data scope. A node is overdue in the month it turned
 * red, or, if it never did, in the month it was completed after its deadline; each overdue node counts
 * once. Its reason is the category of its latest explanation that was not rejected; a node without
 * one counts as unexplained.
 *
 * @param scopeName   the org unit whose orders (and everything below) the report covers
 * @param byCategory  the six categories in their order, then the unexplained
 * @param byNode      key nodes, most overdue first
 * @param byDepartment the units owning the nodes by the scoring rules, most overdue first
 * @param byPerson    handlers (who had signed for the node), most overdue first
 * @param trend       the {@value OverdueAnalysis#TREND_MONTHS} months up to the report's month, oldest first
 * @param topCauses   the most frequent explained reason at a node, with the previous month's count
 */
public record OverdueReport(String month, String scopeName, long overdueNodes, long overdueOrders, long unexplained,
        List<Line> byCategory, List<Line> byNode, List<Line> byDepartment, List<Line> byPerson, List<MonthCount> trend,
        List<Cause> topCauses) {

    /** One group: its code (empty when there is none, e.g. a node nobody signed for), name and count. */
    public record Line(String code, String name, long count) {
    }

    public record MonthCount(String month, long count) {
    }

    public record Cause(String category, String categoryName, String node, String nodeName, long count,
            long previousMonth) {
    }
}
