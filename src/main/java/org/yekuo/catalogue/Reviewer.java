package org.yekuo.catalogue;

import java.util.Objects;

/**
 * A department that reviews the type's schemes, optionally only for capacities above a threshold
 * (dispatch reviews PV connections above 6 MW only).
 *
 * @param onlyAboveKw the department takes part only when the applied capacity exceeds this many kW;
 *                    null when it always takes part
 */
public record Reviewer(Department department, Integer onlyAboveKw) {

    public Reviewer {
        Objects.requireNonNull(department, "department");
    }

    public static Reviewer always(Department department) {
        return new Reviewer(department, null);
    }

    public boolean conditional() {
        return onlyAboveKw != null;
    }

    public boolean takesPartFor(long capacityKw) {
        return onlyAboveKw == null || capacityKw > onlyAboveKw;
    }
}
