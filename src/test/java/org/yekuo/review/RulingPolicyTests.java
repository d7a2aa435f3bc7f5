package org.yekuo.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.yekuo.review.ReviewPoliciesTests.HV;

import java.util.List;

import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.yekuo.catalogue.Department;
import org.yekuo.shared.DomainException;
import org.yekuo.shared.DomainException.FieldProblem;

class RulingPolicyTests {

    private static final List<Department> REVIEWED = List.of(Department.OPERATIONS, Department.MARKETING);
    private static final Opinion CHANGE = new Opinion(Verdict.MODIFY, List.of("HV-3", "HV-9"), "改由北郊站接入并设高供高计");

    private final RulingPolicy policy = new RulingPolicy(ReviewOpinionPolicy.fromResource());

    @Test
    @DisplayName("R-REV-4 a ruling that asks for a change goes back only to the departments it names, with the meeting's minutes")
    void changeGoesBackToTheNamedDepartments() {
        RulingPolicy.Accepted ruling = policy.check(CHANGE, HV, "  12月3日协调会纪要  ",
                List.of(Department.MARKETING, Department.MARKETING), REVIEWED);
        assertThat(ruling.minutes()).isEqualTo("12月3日协调会纪要");
        assertThat(ruling.goBackTo()).containsExactly(Department.MARKETING);
    }

    @Test
    @DisplayName("R-REV-4 a ruling that passes the scheme sends it back to nobody, whatever departments were named")
    void passGoesBackToNobody() {
        assertThat(policy.check(new Opinion(Verdict.PASS, List.of(), ""), HV, "纪要", List.of(Department.OPERATIONS), REVIEWED)
                .goBackTo()).isEmpty();
    }

    @Test
    @DisplayName("R-REV-4 a ruling without minutes, or asking for a change without departments, is refused naming both fields")
    void minutesAndDepartmentsAreRequired() {
        assertRefused(CHANGE, " ", List.of(), "meeting", "review.ruling.meeting-required");
        assertRefused(CHANGE, " ", List.of(), "departments", "review.ruling.departments-required");
        assertRefused(CHANGE, "纪".repeat(RulingPolicy.MAX_MINUTES + 1), List.of(Department.OPERATIONS), "meeting",
                "review.opinion.too-long");
    }

    @Test
    @DisplayName("R-REV-4 a ruling may not send the revision to a department that did not review in the round")
    void onlyDepartmentsOfTheRound() {
        assertRefused(CHANGE, "纪要", List.of(Department.DISPATCH), "departments", "review.ruling.department-not-in-round");
    }

    @Test
    @DisplayName("R-REV-3 R-REV-4 the ruling's opinion is held to the opinion rules, with every problem named at once")
    void opinionRulesApplyToo() {
        assertRefused(new Opinion(Verdict.MODIFY, List.of(), "请完善设计"), "", List.of(), "clauses", "review.opinion.clause-required");
        assertRefused(new Opinion(Verdict.MODIFY, List.of(), "请完善设计"), "", List.of(), "meeting", "review.ruling.meeting-required");
    }

    private void assertRefused(Opinion opinion, String meeting, List<Department> named, String field, String messageKey) {
        assertThatThrownBy(() -> policy.check(opinion, HV, meeting, named, REVIEWED))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.fieldProblems())
                        .extracting(FieldProblem::field, FieldProblem::messageKey)
                        .contains(Tuple.tuple(field, messageKey)));
    }
}
