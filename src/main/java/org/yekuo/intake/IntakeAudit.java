package org.yekuo.intake;

import org.yekuo.audit.AuditAction;

/** What intake records in the audit log: applications accepted, suspended, resumed, completed or cancelled, and their materials. */
enum IntakeAudit implements AuditAction {

    APPLICATION_ACCEPTED("application.accepted"),
    APPLICATION_APPLICANT_TAKEN("application.applicant-taken"),
    APPLICATION_CANCELLED("application.cancelled"),
    APPLICATION_CHASE_TAKEN("application.chase-taken"),
    APPLICATION_COMPLETED("application.completed"),
    APPLICATION_PHONE_REVEALED("application.phone-revealed"),
    APPLICATION_RESUMED("application.resumed"),
    APPLICATION_SUSPENDED("application.suspended"),
    MATERIAL_SUPPLIED("material.supplied"),
    NODE_COMPLETED("node.completed"),
    NODE_SCHEME_CHECKED("node.scheme-checked");

    private final String code;

    IntakeAudit(String code) {
        this.code = code;
    }

    @Override
    public String code() {
        return code;
    }
}
