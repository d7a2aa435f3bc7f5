package org.yekuo.insight;

import org.yekuo.audit.AuditAction;

/** What the risk forecast records in the audit log. */
enum InsightAudit implements AuditAction {

    RISK_WARNED("insight.risk-warned");

    private final String code;

    InsightAudit(String code) {
        this.code = code;
    }

    @Override
    public String code() {
        return code;
    }
}
