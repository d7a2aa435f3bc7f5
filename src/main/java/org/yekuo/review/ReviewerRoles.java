package org.yekuo.review;

import java.util.Optional;

import org.yekuo.catalogue.Department;
import org.yekuo.identity.Role;

/** Each countersigning department has its reviewer role: operations reviews as REVIEWER_OPERATIONS, and so on. */
public final class ReviewerRoles {

    private ReviewerRoles() {
    }

    public static Role of(Department department) {
        return Role.valueOf("REVIEWER_" + department.name());
    }

    public static Optional<Department> departmentOf(String role) {
        for (Department department : Department.values()) {
            if (of(department).name().equals(role)) {
                return Optional.of(department);
            }
        }
        return Optional.empty();
    }
}
