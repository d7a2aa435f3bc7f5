package org.yekuo.review;

import java.time.Instant;
import java.util.List;

import org.yekuo.catalogue.Department;
import org.yekuo.workflow.ReviewOutcome;

/**
 * The leader in charge's decision on a disputed round after the meeting (R-REV-4): one consolidated,
 * signed opinion, and the departments the revision goes back to.
 */
public record Ruling(long id, long roundId, long orderId, Verdict verdict, List<String> clauses, String opinion,
        String meeting, List<Department> departments, String ruledBy, Instant ruledAt, long signatureId) {

    public Ruling {
        clauses = List.copyOf(clauses);
        departments = List.copyOf(departments);
    }

    /** Where the ruled round leads: on when the ruling passes the scheme, back to its revision otherwise. */
    public ReviewOutcome outcome() {
        return outcomeOf(verdict);
    }

    static ReviewOutcome outcomeOf(Verdict verdict) {
        return verdict == Verdict.PASS ? ReviewOutcome.PASSED : ReviewOutcome.TO_REVISE;
    }
}
