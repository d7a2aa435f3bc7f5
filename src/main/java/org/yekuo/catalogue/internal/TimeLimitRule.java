package org.yekuo.catalogue.internal;

import org.yekuo.catalogue.KeyNode;
import org.yekuo.catalogue.LimitSource;
import org.yekuo.catalogue.LimitUnit;
import org.yekuo.catalogue.TimeLimit;
import org.yekuo.shared.DomainException;

/**
 * What a node's time limit may be (R-SLA-1): a positive whole number of working days or working hours,
 * at most {@value #MAX_AMOUNT}. Acceptance alone may also be 0 working days, meaning the same working day.
 */
final class TimeLimitRule {

    static final int MAX_AMOUNT = 999;

    private TimeLimitRule() {
    }

    static TimeLimit limit(KeyNode node, String amount, String unit, String source, String note) {
        Integer value = Inputs.wholeNumber("amount", amount, "catalogue.limit.amount-not-whole");
        if (value == null) {
            throw DomainException.invalid("amount", "catalogue.limit.amount-required");
        }
        LimitUnit limitUnit = Inputs.oneOf(LimitUnit.class, "unit", unit, "catalogue.limit.unit-unknown");
        LimitSource limitSource = Inputs.oneOf(LimitSource.class, "source", source, "catalogue.limit.source-unknown");
        boolean sameDay = value == 0 && node == KeyNode.ACCEPTANCE && limitUnit == LimitUnit.WORKING_DAYS;
        if (value < 1 && !sameDay) {
            throw DomainException.invalid("amount", node == KeyNode.ACCEPTANCE
                    ? "catalogue.limit.amount-not-positive-acceptance" : "catalogue.limit.amount-not-positive",
                    String.valueOf(value));
        }
        if (value > MAX_AMOUNT) {
            throw DomainException.invalid("amount", "catalogue.limit.amount-too-large", String.valueOf(value),
                    String.valueOf(MAX_AMOUNT));
        }
        return new TimeLimit(value, limitUnit, limitSource, Inputs.note("note", note));
    }
}
