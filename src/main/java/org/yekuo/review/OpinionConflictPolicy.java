package org.yekuo.review;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.yekuo.workflow.ReviewOutcome;

/**
 * Where a round's opinions lead (R-REV-4). All PASS: the scheme goes on. A conflict goes to the leader in
 * charge: a PASS and an objection on the same clause, two MODIFY opinions on the same clause that ask for
 * different things, or a RETURN while another reviewer passed the scheme as a whole. Otherwise the
 * objections agree and the designer revises once.
 */
final class OpinionConflictPolicy {

    private OpinionConflictPolicy() {
    }

    /** One decided opinion of the round, by whom. */
    record Decided(String department, String reviewer, Verdict verdict, List<String> clauses, String text) {
    }

    /** Why two opinions conflict, for the leader's arbitration page. */
    record Conflict(String kind, Decided first, Decided second, String clause) {
    }

    static ReviewOutcome outcome(List<Decided> opinions) {
        if (opinions.stream().allMatch(o -> o.verdict() == Verdict.PASS)) {
            return ReviewOutcome.PASSED;
        }
        return conflicts(opinions).isEmpty() ? ReviewOutcome.TO_REVISE : ReviewOutcome.DISPUTED;
    }

    static List<Conflict> conflicts(List<Decided> opinions) {
        List<Conflict> found = new ArrayList<>();
        for (int i = 0; i < opinions.size(); i++) {
            for (int j = i + 1; j < opinions.size(); j++) {
                Decided a = opinions.get(i);
                Decided b = opinions.get(j);
                boolean onePasses = a.verdict() == Verdict.PASS ^ b.verdict() == Verdict.PASS;
                for (String clause : a.clauses()) {
                    if (!b.clauses().contains(clause)) {
                        continue;
                    }
                    if (onePasses) {
                        found.add(new Conflict("PASS_AGAINST_CHANGE", a, b, clause));
                    } else if (a.verdict() == Verdict.MODIFY && b.verdict() == Verdict.MODIFY
                            && !normalised(a.text()).equals(normalised(b.text()))) {
                        found.add(new Conflict("CONTRADICTING_CHANGES", a, b, clause));
                    }
                }
                if (onePasses && (a.verdict() == Verdict.RETURN || b.verdict() == Verdict.RETURN)) {
                    found.add(new Conflict("RETURN_AGAINST_PASS", a, b, null));
                }
            }
        }
        return found;
    }

    private static String normalised(String text) {
        return Objects.requireNonNullElse(text, "").replaceAll("[\\p{P}\\p{Z}\\s]", "");
    }
}
