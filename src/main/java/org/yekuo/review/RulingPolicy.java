package org.yekuo.review;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.springframework.http.HttpStatus;
import org.yekuo.catalogue.Department;
import org.yekuo.catalogue.ReviewGuideline;
import org.yekuo.shared.DomainException;
import org.yekuo.shared.DomainException.FieldProblem;

/**
 * What the leader's ruling on conflicting opinions must hold (R-REV-4): an acceptable opinion (R-REV-3, citing
 * any department's clauses), the minutes of the meeting it was decided at, and — when it asks for a change —
 * the departments the revision goes back to, each one that reviewed in the round. A ruling that passes the
 * scheme sends it back to none, so the scheme is revised once, against one opinion.
 */
final class RulingPolicy {

    static final int MAX_MINUTES = 1000;

    private final ReviewOpinionPolicy opinions;

    RulingPolicy(ReviewOpinionPolicy opinions) {
        this.opinions = opinions;
    }

    /** The ruling as it is recorded: the meeting's minutes and the departments the revision goes back to. */
    record Accepted(String minutes, List<Department> goBackTo) {
    }

    /**
     * Accepts the ruling or refuses it with every problem at once, naming the fields {@code verdict},
     * {@code clauses}, {@code text}, {@code meeting} and {@code departments}. {@code reviewed} are the departments
     * that reviewed in the round, {@code named} those the leader sends the revision back to.
     */
    Accepted check(Opinion opinion, ReviewGuideline guideline, String meeting, List<Department> named,
            List<Department> reviewed) {
        List<FieldProblem> problems = new ArrayList<>();
        try {
            opinions.check(opinion, guideline, Optional.empty());
        } catch (DomainException e) {
            problems.addAll(e.fieldProblems());
        }
        String minutes = meeting == null ? "" : meeting.strip();
        if (minutes.isEmpty()) {
            problems.add(new FieldProblem("meeting", "review.ruling.meeting-required"));
        } else if (minutes.length() > MAX_MINUTES) {
            problems.add(new FieldProblem("meeting", "review.opinion.too-long", MAX_MINUTES));
        }
        List<Department> departments = named == null ? List.of() : named.stream().distinct().toList();
        if (departments.stream().anyMatch(d -> !reviewed.contains(d))) {
            problems.add(new FieldProblem("departments", "review.ruling.department-not-in-round"));
        }
        if (opinion.verdict() != null && opinion.verdict().asksForChange() && departments.isEmpty()) {
            problems.add(new FieldProblem("departments", "review.ruling.departments-required"));
        }
        if (!problems.isEmpty()) {
            throw new DomainException(HttpStatus.UNPROCESSABLE_CONTENT, problems, "review.opinion.refused");
        }
        return new Accepted(minutes, opinion.verdict() == Verdict.PASS ? List.of() : departments);
    }
}
