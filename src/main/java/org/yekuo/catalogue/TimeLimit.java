package org.yekuo.catalogue;

import java.util.Objects;

/**
 * The longest a node may take, with the source of the figure. An amount of 0 working days means
 * "the same working day"; the catalogue allows it for {@link KeyNode#ACCEPTANCE} only.
 *
 * @param note why the figure is what it is (free text, may be null)
 */
public record TimeLimit(int amount, LimitUnit unit, LimitSource source, String note) {

    public TimeLimit {
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(source, "source");
        if (amount < 0) {
            throw new IllegalArgumentException("A time limit cannot be negative: " + amount);
        }
    }

    public boolean confirmed() {
        return source.confirmed();
    }

    public boolean sameWorkingDay() {
        return amount == 0 && unit == LimitUnit.WORKING_DAYS;
    }
}
