package org.yekuo.evaluation;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A counted rating below the trace threshold (R-EVA-5), with its trace once recorded. Untraced, it is
 * red on the station's page; {@code traceDue} is the end of the month it was rated in.
 */
public record LowRating(long evaluationId, String orderNo, String stationName, Instant submittedAt, BigDecimal average,
        String comment, List<HandlerRef> handlers, LocalDate traceDue, Trace trace) {

    public boolean traced() {
        return trace != null;
    }

    /** A member of staff who handled the order: who an attitude trace may name. */
    public record HandlerRef(String username, String name, String nodeCode) {
    }

    /** The recorded cause with its follow-up, or its improvement task. */
    public record Trace(long id, TraceCause cause, String staffName, LocalDate visitDate, String visitNote, BigDecimal deductionPoints,
            String taskTitle, String taskAssignee, String taskAssigneeName, LocalDate taskDue, Instant taskClosedAt,
            String taskClosingNote, String tracedByName, Instant tracedAt) {

        public boolean taskOpen() {
            return cause == TraceCause.PROCESS_DEFECT && taskClosedAt == null;
        }
    }
}
