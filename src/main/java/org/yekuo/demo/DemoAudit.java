package org.yekuo.demo;

import org.yekuo.audit.AuditAction;

/**
 * What the demo history records: the steps of its finished orders under the codes intake and work record for the same
 * steps (so an order's trail reads as any other's), and the seeding itself.
 */
enum DemoAudit implements AuditAction {

    APPLICATION_ACCEPTED("application.accepted"),
    APPLICATION_COMPLETED("application.completed"),
    NODE_SIGNED_FOR("node.signed-for"),
    NODE_COMPLETED("node.completed"),
    HISTORY_SEEDED("demo.history-seeded");

    private final String code;

    DemoAudit(String code) {
        this.code = code;
    }

    @Override
    public String code() {
        return code;
    }
}
