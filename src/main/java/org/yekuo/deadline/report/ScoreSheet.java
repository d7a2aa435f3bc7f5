package org.yekuo.deadline.report;

import java.math.BigDecimal;
import java.util.List;

/**
 * A month's scores by owning department (R-SLA-6). A mark is one order at one node charged to one
 * department in the month, in the worst colour it reached there that month: red if any of its tasks
 * at that node turned red in the month, else yellow if one turned yellow in it. So an order counts at
 * most once per node and department per month, and a node that went yellow and then red in the same
 * month costs the red points only; yellow in one month and red in the next costs each in its month.
 *
 * @param rulesRevision the sum of the rules' revisions the sheet was computed with, to tell sheets
 *                      computed under different rules apart
 * @param departments   most points lost first
 */
public record ScoreSheet(String month, String scopeName, long rulesRevision, List<Department> departments,
        BigDecimal totalDeducted) {

    /** @param deducted points lost, a positive number; {@code score} is its negative */
    public record Department(String code, String name, long yellowOrders, long redOrders, BigDecimal deducted) {

        public BigDecimal score() {
            return deducted.negate();
        }
    }
}
