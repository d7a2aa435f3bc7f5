package org.yekuo.review;

import org.yekuo.audit.AuditAction;

/** What scheme review records in the audit log. */
enum ReviewAudit implements AuditAction {

    ARBITRATION_OPENED("review.arbitration-opened"),
    ARBITRATION_REQUESTED("review.arbitration-requested"),
    CO_SIGNER_ADDED("review.co-signer-added"),
    COPIED("review.copied"),
    COUNTERSIGNED("review.countersigned"),
    DELEGATED("review.delegated"),
    HANDED_BACK("review.handed-back"),
    MARKED_TYPICAL("review.marked-typical"),
    OPENED("review.opened"),
    ROUND_DECIDED("review.round-decided"),
    ROUND_OPENED("review.round-opened"),
    RULED("review.ruled"),
    TRANSFERRED("review.transferred"),
    URGED("review.urged"),
    URGED_AUTOMATICALLY("review.urged-automatically"),
    WITHDRAWN("review.withdrawn");

    private final String code;

    ReviewAudit(String code) {
        this.code = code;
    }

    @Override
    public String code() {
        return code;
    }
}
