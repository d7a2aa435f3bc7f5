package org.yekuo.evaluation;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A month of ratings over a data scope (R-EVA-4): the averages and star distributions of the counted
 * ratings, by station, business type, node and handler, each beside the month before; the six-month
 * trend; and every rating of the month with its flags, the ones left out of the scores named with why.
 */
public record EvaluationReport(String month, String scopeName, long counted, long flagged, BigDecimal average,
        BigDecimal previousAverage, List<Metric> metrics, List<Line> byStation, List<Line> byType, List<Line> byNode,
        List<Line> byHandler, List<MonthAverage> trend, List<Entry> entries, long entryCount) {

    /** One metric: its average, the month before's, and how many ratings gave it 1, 2, 3, 4 and 5 stars. */
    public record Metric(String code, String name, BigDecimal average, BigDecimal previousAverage, List<Long> stars) {
    }

    /** A group's counted ratings and average, and the average of the month before (none if it had no ratings). */
    public record Line(String code, String name, long count, BigDecimal average, BigDecimal previousAverage) {

        /** Month on month, in stars; none without a month before. */
        public BigDecimal change() {
            return previousAverage == null ? null : average.subtract(previousAverage);
        }
    }

    public record MonthAverage(String month, BigDecimal average, long count) {
    }

    /** One rating as the auditor reads it: the flags' reasons in words, empty when it counts. */
    public record Entry(String orderNo, String stationName, Instant submittedAt, int timeliness, int attitude, int communication,
            BigDecimal average, String comment, List<String> flagReasons) {

        public boolean counted() {
            return flagReasons.isEmpty();
        }
    }
}
