package org.yekuo.catalogue.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.yekuo.catalogue.Department;
import org.yekuo.catalogue.Reviewer;
import org.yekuo.shared.DomainException;

class ReviewerPolicyTests {

    @Test
    @DisplayName("R-CAT-1 reviewers are kept in department order, a threshold makes one conditional")
    void readsReviewers() {
        List<Reviewer> reviewers = ReviewerPolicy.reviewers(List.of(new ReviewerInput("DISPATCH", "6000"),
                new ReviewerInput("OPERATIONS", "")));
        assertThat(reviewers).containsExactly(Reviewer.always(Department.OPERATIONS), new Reviewer(Department.DISPATCH, 6000));
        assertThat(reviewers.get(1).takesPartFor(6000)).isFalse();
        assertThat(reviewers.get(1).takesPartFor(6001)).isTrue();
    }

    @Test
    @DisplayName("R-CAT-1 no reviewers, an unknown or repeated department, or a bad threshold is refused naming the field")
    void refusesBadReviewers() {
        assertField(List.of(), "reviewers");
        assertField(List.of(new ReviewerInput("LEGAL", null)), "reviewers[0].department");
        assertField(List.of(new ReviewerInput("MARKETING", null), new ReviewerInput("MARKETING", null)), "reviewers[1].department");
        assertField(List.of(new ReviewerInput("DISPATCH", "-1")), "reviewers[0].onlyAboveKw");
        assertField(List.of(new ReviewerInput("DISPATCH", "6 MW")), "reviewers[0].onlyAboveKw");
    }

    private static void assertField(List<ReviewerInput> inputs, String field) {
        assertThatThrownBy(() -> ReviewerPolicy.reviewers(inputs)).isInstanceOfSatisfying(DomainException.class,
                e -> assertThat(e.fieldProblems().get(0).field()).isEqualTo(field));
    }
}
