package org.yekuo.work;

import org.yekuo.audit.AuditAction;

/** What node work records in the audit log: nodes signed for and completed by their handlers. */
enum WorkAudit implements AuditAction {

    NODE_COMPLETED("node.completed"),
    NODE_SIGNED_FOR("node.signed-for");

    private final String code;

    WorkAudit(String code) {
        this.code = code;
    }

    @Override
    public String code() {
        return code;
    }
}
