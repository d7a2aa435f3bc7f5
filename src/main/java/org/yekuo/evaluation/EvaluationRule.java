package org.yekuo.evaluation;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One version of the rules of team colours, rewards and service stars (R-EVA-6/7), in force from the
 * month {@code validFrom} until a later version takes over: a team averaging {@code greenFrom} or more
 * is green and earns {@code greenBonusYuan}; {@code yellowFrom} up to green is yellow; below it red,
 * with a rectification report due {@code rectificationDays} after the month; a handler averaging
 * {@code starAverage} for {@code starMonths} months running is a service star; a member of staff
 * whose attitude caused a low rating loses {@code attitudeDeduction} points.
 */
public record EvaluationRule(int version, String validFrom, BigDecimal greenFrom, BigDecimal yellowFrom, int greenBonusYuan,
        int rectificationDays, BigDecimal starAverage, int starMonths, BigDecimal attitudeDeduction, String changedBy,
        Instant changedAt) {

    /** A team's colour for a month's average; none without counted ratings. */
    public TeamColour colour(BigDecimal average) {
        if (average == null) {
            return null;
        }
        if (average.compareTo(greenFrom) >= 0) {
            return TeamColour.GREEN;
        }
        return average.compareTo(yellowFrom) >= 0 ? TeamColour.YELLOW : TeamColour.RED;
    }

    /** The three colours; each named by the message {@code evaluation.colour.<NAME>}. */
    public enum TeamColour {
        GREEN, YELLOW, RED;

        public String messageKey() {
            return "evaluation.colour." + name();
        }
    }
}
