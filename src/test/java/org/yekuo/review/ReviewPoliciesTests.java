package org.yekuo.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.yekuo.catalogue.BusinessTypeDefinition;
import org.yekuo.catalogue.Department;
import org.yekuo.catalogue.GuidelineItem;
import org.yekuo.catalogue.ProcessFamily;
import org.yekuo.catalogue.ReviewGuideline;
import org.yekuo.catalogue.Reviewer;
import org.yekuo.review.OpinionConflictPolicy.Decided;
import org.yekuo.shared.DomainException;
import org.yekuo.workflow.ReviewOutcome;

class ReviewPoliciesTests {

    static final ReviewGuideline HV = new ReviewGuideline("HV", 3, "高压", "HV", List.of(
            new GuidelineItem("HV-3", "供电电源点及回路数", "Supply source", Department.OPERATIONS),
            new GuidelineItem("HV-9", "计量点设置及计量方式", "Metering point", Department.MARKETING),
            new GuidelineItem("HV-23", "电网承载能力意见", "Grid capacity", Department.DISPATCH)));

    @Nested
    class Departments {

        static BusinessTypeDefinition type(Reviewer... reviewers) {
            return new BusinessTypeDefinition("T", 1, "t", "t", ProcessFamily.HV, null, List.of(), List.of(reviewers), List.of());
        }

        @Test
        @DisplayName("R-REV-1 a dedicated-line scheme goes to operations, marketing and dispatch")
        void dedicatedLineGoesToDispatch() {
            var type = type(Reviewer.always(Department.OPERATIONS), Reviewer.always(Department.MARKETING),
                    Reviewer.always(Department.DISPATCH));
            assertThat(ReviewDepartmentsPolicy.nextRound(type, BigDecimal.valueOf(4000), null))
                    .containsExactly(Department.OPERATIONS, Department.MARKETING, Department.DISPATCH);
        }

        @Test
        @DisplayName("R-REV-1 dispatch reviews a PV scheme only above 6 MW")
        void dispatchOnlyAboveThreshold() {
            var type = type(Reviewer.always(Department.OPERATIONS), Reviewer.always(Department.MARKETING),
                    new Reviewer(Department.DISPATCH, 6000));
            assertThat(ReviewDepartmentsPolicy.firstRound(type, new BigDecimal("6000"))).doesNotContain(Department.DISPATCH);
            assertThat(ReviewDepartmentsPolicy.firstRound(type, new BigDecimal("6000.5"))).contains(Department.DISPATCH);
        }

        @Test
        @DisplayName("R-REV-4 a revision goes back only to the departments concerned")
        void revisionGoesBackOnlyToDepartmentsConcerned() {
            var type = type(Reviewer.always(Department.OPERATIONS), Reviewer.always(Department.MARKETING),
                    Reviewer.always(Department.DISPATCH));
            var all = List.of(Department.OPERATIONS, Department.MARKETING, Department.DISPATCH);
            assertThat(ReviewDepartmentsPolicy.nextRound(type, BigDecimal.TEN, new ReviewDepartmentsPolicy.Previous(
                    RoundState.RULED, all, List.of(Department.DISPATCH), List.of(Department.DISPATCH))))
                    .containsExactly(Department.DISPATCH);
            assertThat(ReviewDepartmentsPolicy.nextRound(type, BigDecimal.TEN, new ReviewDepartmentsPolicy.Previous(
                    RoundState.TO_REVISE, all, List.of(Department.MARKETING), List.of())))
                    .containsExactly(Department.MARKETING);
            assertThat(ReviewDepartmentsPolicy.nextRound(type, BigDecimal.TEN, new ReviewDepartmentsPolicy.Previous(
                    RoundState.WITHDRAWN, List.of(Department.OPERATIONS), List.of(), List.of())))
                    .containsExactly(Department.OPERATIONS);
        }
    }

    @Nested
    class Opinions {

        final ReviewOpinionPolicy policy = ReviewOpinionPolicy.fromResource();

        @Test
        @DisplayName("R-REV-3 a MODIFY opinion citing an own clause and saying what to change is accepted")
        void concreteModifyIsAccepted() {
            policy.check(new Opinion(Verdict.MODIFY, List.of("HV-9"), "计量点应设在产权分界处，改为高供高计"), HV,
                    Optional.of(Department.MARKETING));
            policy.check(new Opinion(Verdict.PASS, List.of(), ""), HV, Optional.of(Department.MARKETING));
        }

        @Test
        @DisplayName("R-REV-3 MODIFY or RETURN without a clause, or with vague text only, is refused naming the field")
        void vagueOrUncitedOpinionsAreRefused() {
            assertRefused(new Opinion(Verdict.MODIFY, List.of(), "计量点应设在产权分界处，改为高供高计"), "clauses",
                    "review.opinion.clause-required");
            for (String vague : List.of("请完善设计", "请进一步完善方案", "please improve", "Please improve the design.", "修改", "完善一下")) {
                assertRefused(new Opinion(Verdict.RETURN, List.of("HV-9"), vague), "text", "review.opinion.vague");
            }
            assertRefused(new Opinion(Verdict.RETURN, List.of("HV-9"), " "), "text", "review.opinion.text-required");
            assertRefused(new Opinion(null, List.of(), ""), "verdict", "review.opinion.verdict-required");
        }

        @Test
        @DisplayName("R-REV-2 R-REV-3 a clause not in the version in force, or of another department, is refused")
        void unknownOrForeignClausesAreRefused() {
            assertRefused(new Opinion(Verdict.MODIFY, List.of("HV-99"), "计量点应设在产权分界处"), "clauses",
                    "review.opinion.clause-unknown");
            assertRefused(new Opinion(Verdict.MODIFY, List.of("HV-23"), "计量点应设在产权分界处"), "clauses",
                    "review.opinion.clause-other-department");
            // A leader's ruling may cite any department's clause.
            policy.check(new Opinion(Verdict.MODIFY, List.of("HV-23", "HV-9"), "改由北郊站接入并设高供高计"), HV, Optional.empty());
        }

        @Test
        void theVaguePhrasesComeFromTheResourceAndLeaveConcreteTextAlone() {
            assertThat(policy.isVague("Move the meter box to the east wall of the building")).isFalse();
            assertThat(policy.isVague("电能表改为三相四线智能表")).isFalse();
            assertThat(policy.isVague("请核实")).isTrue();
        }

        private void assertRefused(Opinion opinion, String field, String messageKey) {
            assertThatThrownBy(() -> policy.check(opinion, HV, Optional.of(Department.MARKETING)))
                    .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.fieldProblems())
                            .anySatisfy(p -> {
                                assertThat(p.field()).isEqualTo(field);
                                assertThat(p.messageKey()).isEqualTo(messageKey);
                            }));
        }
    }

    @Nested
    class Conflicts {

        static Decided opinion(String department, Verdict verdict, String text, String... clauses) {
            return new Decided(department, department.toLowerCase(), verdict, List.of(clauses), text);
        }

        @Test
        @DisplayName("R-REV-4 all PASS passes; agreeing objections go back for one revision")
        void passAndAgreedChanges() {
            assertThat(OpinionConflictPolicy.outcome(List.of(opinion("OPERATIONS", Verdict.PASS, ""),
                    opinion("MARKETING", Verdict.PASS, "")))).isEqualTo(ReviewOutcome.PASSED);
            assertThat(OpinionConflictPolicy.outcome(List.of(opinion("OPERATIONS", Verdict.PASS, ""),
                    opinion("MARKETING", Verdict.MODIFY, "改为高供高计", "HV-9")))).isEqualTo(ReviewOutcome.TO_REVISE);
            assertThat(OpinionConflictPolicy.outcome(List.of(opinion("OPERATIONS", Verdict.MODIFY, "改为双回路", "HV-3"),
                    opinion("DISPATCH", Verdict.RETURN, "改由北郊站接入", "HV-23")))).isEqualTo(ReviewOutcome.TO_REVISE);
        }

        @Test
        @DisplayName("R-REV-4 RETURN against PASS, PASS against a change on the same clause, contradicting MODIFYs: a dispute")
        void conflictsGoToTheLeader() {
            assertThat(OpinionConflictPolicy.outcome(List.of(opinion("OPERATIONS", Verdict.PASS, ""),
                    opinion("DISPATCH", Verdict.RETURN, "改由北郊站接入", "HV-23")))).isEqualTo(ReviewOutcome.DISPUTED);
            assertThat(OpinionConflictPolicy.conflicts(List.of(opinion("OPERATIONS", Verdict.PASS, "", "HV-3"),
                    opinion("OPERATIONS", Verdict.MODIFY, "改为双回路", "HV-3"))))
                    .extracting(OpinionConflictPolicy.Conflict::kind).containsExactly("PASS_AGAINST_CHANGE");
            assertThat(OpinionConflictPolicy.conflicts(List.of(opinion("OPERATIONS", Verdict.MODIFY, "改为双回路", "HV-3"),
                    opinion("OPERATIONS", Verdict.MODIFY, "保持单回路，加装备自投", "HV-3"))))
                    .extracting(OpinionConflictPolicy.Conflict::kind).containsExactly("CONTRADICTING_CHANGES");
            assertThat(OpinionConflictPolicy.conflicts(List.of(opinion("OPERATIONS", Verdict.MODIFY, "改为双回路", "HV-3"),
                    opinion("OPERATIONS", Verdict.MODIFY, "改为双回路。", "HV-3")))).isEmpty();
        }
    }
}
