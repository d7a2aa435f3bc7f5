package org.yekuo.catalogue.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.yekuo.catalogue.Department;
import org.yekuo.catalogue.Reviewer;
import org.yekuo.shared.DomainException;

/**
 * Which departments may review a type's schemes: at least one, each once, and a capacity threshold,
 * when there is one, a positive whole number of kW.
 */
final class ReviewerPolicy {

    private ReviewerPolicy() {
    }

    static List<Reviewer> reviewers(List<ReviewerInput> inputs) {
        if (inputs == null || inputs.isEmpty()) {
            throw DomainException.invalid("reviewers", "catalogue.reviewers.empty");
        }
        Set<Department> seen = EnumSet.noneOf(Department.class);
        List<Reviewer> reviewers = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            String field = "reviewers[" + i + "]";
            ReviewerInput input = inputs.get(i);
            Department department = Inputs.oneOf(Department.class, field + ".department", input.department(),
                    "catalogue.reviewers.department-unknown");
            if (!seen.add(department)) {
                throw DomainException.invalid(field + ".department", "catalogue.reviewers.duplicate", department.name());
            }
            Integer threshold = Inputs.wholeNumber(field + ".onlyAboveKw", input.onlyAboveKw(),
                    "catalogue.reviewers.threshold-invalid");
            if (threshold != null && threshold < 1) {
                throw DomainException.invalid(field + ".onlyAboveKw", "catalogue.reviewers.threshold-invalid",
                        String.valueOf(threshold));
            }
            reviewers.add(new Reviewer(department, threshold));
        }
        reviewers.sort(Comparator.comparing(Reviewer::department));
        return reviewers;
    }
}
