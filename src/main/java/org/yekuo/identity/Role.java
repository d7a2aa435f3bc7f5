package org.yekuo.identity;

/**
 * The staff roles of SPEC.md. System, security and audit administration are separate roles (MLPS
 * 2.0 level 3). Each role's display name is the message {@code role.<CODE>}.
 */
public enum Role {
    CLERK, SURVEYOR, DESIGNER, REVIEWER_OPERATIONS, REVIEWER_MARKETING, REVIEWER_DISPATCH, MATERIALS_CLERK,
    INSPECTOR, DEPARTMENT_HEAD, LEADER, AUDITOR, ADMIN, SECURITY_ADMIN,
    /** The archive office: the only role that exports documents' originals (R-DOC-5). */
    ARCHIVIST;

    public String authority() {
        return "ROLE_" + name();
    }

    public String messageKey() {
        return "role." + name();
    }
}
