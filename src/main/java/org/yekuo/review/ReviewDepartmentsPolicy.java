package org.yekuo.review;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

import org.yekuo.catalogue.BusinessTypeDefinition;
import org.yekuo.catalogue.Department;

/**
 * Which departments countersign a round (R-REV-1, R-REV-4). The first submission goes to every department
 * the catalogue requires for the type at the applied capacity (dispatch only where the type says so, such
 * as dedicated lines or PV above 6 MW). A revision goes back only to the departments concerned: those the
 * leader's ruling names, or after an agreed change those that asked for it. A withdrawn scheme, when
 * submitted again, goes to the same departments as before.
 */
final class ReviewDepartmentsPolicy {

    private ReviewDepartmentsPolicy() {
    }

    /** The earlier round the next one follows, as far as this policy needs it. */
    record Previous(RoundState state, List<Department> departments, List<Department> objecting,
            List<Department> namedByRuling) {
    }

    static List<Department> firstRound(BusinessTypeDefinition type, BigDecimal capacity) {
        // A capacity in kVA counts as the same number of kW: the catalogue's thresholds are upper bounds.
        return type.reviewersFor(capacity.setScale(0, RoundingMode.CEILING).longValueExact());
    }

    static List<Department> nextRound(BusinessTypeDefinition type, BigDecimal capacity, Previous previous) {
        if (previous == null) {
            return firstRound(type, capacity);
        }
        return switch (previous.state()) {
            case WITHDRAWN -> previous.departments();
            case RULED -> previous.namedByRuling();
            case TO_REVISE -> previous.objecting();
            default -> firstRound(type, capacity);
        };
    }
}
