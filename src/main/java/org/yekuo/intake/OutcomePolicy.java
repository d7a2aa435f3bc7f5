package org.yekuo.intake;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.yekuo.shared.DomainException.FieldProblem;

/**
 * What a pass or fail of a review or inspection does (R-DOC-2): a pass moves the order on; a fail needs
 * its reason and goes back to the node that must redo its work. A design review that finds the supply
 * scheme wrong sends it back to the designer, one that finds only the customer's drawings wrong reviews
 * them again once revised; an inspection inspects again once the customer has put things right, and a
 * completion inspection that finds the grid-side works wrong sends them back to the works.
 */
final class OutcomePolicy {

    static final int MIN_REASON = 4;

    /** Where each deciding node may send a fail, the usual one first. */
    private static final Map<String, List<String>> RETURNS = Map.of(
            "DESIGN_REVIEW", List.of("SCHEME_DESIGN", "DESIGN_REVIEW"),
            "INTERMEDIATE_INSPECTION", List.of("INTERMEDIATE_INSPECTION"),
            "COMPLETION_ACCEPTANCE", List.of("COMPLETION_ACCEPTANCE", "SUPPLY_WORKS"));

    private OutcomePolicy() {
    }

    /** A node's decision: its outcome, the reason given and, for a fail, the node the order goes back to. */
    record Decision(NodeOutcome outcome, String reason, String returnTo) {

        Optional<String> goesBackTo() {
            return Optional.ofNullable(returnTo);
        }
    }

    /** The nodes a fail of {@code nodeCode} may go back to, among those the order's type plans. */
    static List<String> returnTargets(String nodeCode, List<String> plannedNodes) {
        return RETURNS.getOrDefault(nodeCode, List.of()).stream().filter(plannedNodes::contains).toList();
    }

    /** Reads the decision from the node's checked values; the problems go to {@code problems}. */
    static Decision decide(String nodeCode, Map<String, String> values, List<String> plannedNodes, List<FieldProblem> problems) {
        NodeOutcome outcome = NodeOutcome.valueOf(values.get(NodeForm.OUTCOME));
        String reason = values.get(NodeForm.REASON);
        if (outcome == NodeOutcome.PASS) {
            return new Decision(outcome, reason, null);
        }
        if (reason == null || reason.codePointCount(0, reason.length()) < MIN_REASON) {
            problems.add(new FieldProblem(NodeForm.REASON, "intake.outcome.reason-required", MIN_REASON));
        }
        List<String> targets = returnTargets(nodeCode, plannedNodes);
        String returnTo = Optional.ofNullable(values.get(NodeForm.RETURN_TO)).orElse(targets.isEmpty() ? null : targets.get(0));
        if (returnTo == null || !targets.contains(returnTo)) {
            problems.add(new FieldProblem(NodeForm.RETURN_TO, "intake.outcome.return-to-invalid", String.valueOf(returnTo),
                    String.join(", ", targets)));
        }
        return new Decision(outcome, reason, returnTo);
    }
}
