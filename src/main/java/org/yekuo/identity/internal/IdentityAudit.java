package org.yekuo.identity.internal;

import org.yekuo.audit.AuditAction;

/** What identity records in the audit log: sign-ins, staff accounts and org units. */
enum IdentityAudit implements AuditAction {

    ACCOUNT_LOCKED("account-locked"),
    COMPANY_ACCOUNT_CREATED("company-account-created"),
    COMPANY_LOGIN("company-login"),
    COMPANY_SESSION_ENDED("company-session-ended"),
    COMPANY_SESSIONS_ENDED("company-sessions-ended"),
    LOGIN("login"),
    ORG_UNIT_CLOSED("org-unit.closed"),
    ORG_UNIT_CREATED("org-unit.created"),
    ORG_UNIT_MOVED("org-unit.moved"),
    ORG_UNIT_RENAMED("org-unit.renamed"),
    SECOND_FACTOR_RECOVERY("second-factor-recovery"),
    SECOND_FACTOR("second-factor"),
    SECOND_FACTOR_ENROLLED("second-factor-enrolled"),
    SESSION_SUPERSEDED("session-superseded"),
    SETUP_COMPLETED("setup.completed"),
    SETUP_TOKEN_REFUSED("setup.token-refused"),
    SIGN_IN_THROTTLED("sign-in-throttled"),
    STAFF_IMPORT_CONFIRMED("staff-import.confirmed"),
    STAFF_IMPORT_PREVIEWED("staff-import.previewed"),
    STAFF_CHANGE_APPROVED("staff.change-approved"),
    STAFF_CHANGE_REJECTED("staff.change-rejected"),
    STAFF_CHANGE_REQUESTED("staff.change-requested"),
    STAFF_CREATED("staff.created"),
    STAFF_DISABLED("staff.disabled"),
    STAFF_ENABLED("staff.enabled"),
    STAFF_MOBILE_CHANGED("staff.mobile-changed"),
    STAFF_ORG_UNIT_CHANGED("staff.org-unit-changed"),
    STAFF_PASSWORD_CHANGED("staff.password-changed"),
    STAFF_PASSWORD_RESET("staff.password-reset"),
    STAFF_ROLES_CHANGED("staff.roles-changed"),
    STAFF_SECOND_FACTOR_RESET("staff.second-factor-reset"),
    STAFF_UNLOCKED("staff.unlocked");

    private final String code;

    IdentityAudit(String code) {
        this.code = code;
    }

    @Override
    public String code() {
        return code;
    }
}
