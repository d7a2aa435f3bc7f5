package org.yekuo.collaboration;

import java.time.Instant;

/**
 * A quality problem filed on a completed order, traced to the node and the person responsible (R-COL-6).
 *
 * @param department for a problem traced to the department review, the department whose reviewer answers for it
 * @param linkSeq    the step of the order's responsibility chain the problem was traced to
 */
public record QualityProblem(long id, long orderId, String orderNo, QualityCategory category, String description, String nodeCode,
        String department, int linkSeq, String responsible, String responsibleName, String filedBy, String filedByName,
        Instant filedAt) {
}
