package org.yekuo.notification.internal;

import org.yekuo.audit.AuditAction;

/** What SMS administration records in the audit log. */
enum NotificationAudit implements AuditAction {

    SMS_RETRY("notification.sms.retry"),
    SMS_TEST("notification.sms.test");

    private final String code;

    NotificationAudit(String code) {
        this.code = code;
    }

    @Override
    public String code() {
        return code;
    }
}
