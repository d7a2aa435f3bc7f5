package org.yekuo.deadline.report;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * Who answers for a node's delays and what each costs them (R-SLA-6).
 *
 * @param roleCode     {@link #ANY_ROLE} for the node's rule, else one candidate role whose tasks this rule
 *                     takes over (one department's review task)
 * @param orgUnitCode  the owning unit when {@code owner} is {@link Owner#UNIT}
 * @param yellowPoints points deducted per yellow order, as a positive number
 * @param redPoints    points deducted per red order, as a positive number
 */
public record ScoreRule(long id, String nodeCode, String roleCode, Owner owner, String orgUnitCode,
        BigDecimal yellowPoints, BigDecimal redPoints, int revision, String changedBy, Instant changedAt) {

    public static final String ANY_ROLE = "*";

    /** STATION: the supply station the order belongs to; UNIT: one fixed org unit. */
    public enum Owner {
        STATION, UNIT
    }

    public boolean forAnyRole() {
        return ANY_ROLE.equals(roleCode);
    }
}
