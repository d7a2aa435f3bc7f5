package org.yekuo.evaluation;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A month of team colours and service stars (R-EVA-6/7) under the rule version in force in that month.
 */
public record TeamMonth(String month, EvaluationRule rule, List<Team> teams, List<Star> stars) {

    /**
     * A team's month: its counted ratings, average, colour and bonus; a red team's rectification report,
     * due {@code rectificationDue}, once submitted.
     */
    public record Team(String orgPath, String name, long count, BigDecimal average, EvaluationRule.TeamColour colour,
            int bonusYuan, LocalDate rectificationDue, String rectification, String rectificationBy, Instant rectifiedAt) {

        public boolean rectificationMissing() {
            return colour == EvaluationRule.TeamColour.RED && rectification == null;
        }
    }

    /** A handler whose ratings averaged the star level every month of the run: medal and award priority. */
    public record Star(String username, String name, List<BigDecimal> monthlyAverages) {
    }
}
