package org.yekuo.calendar.internal;

import org.yekuo.audit.AuditAction;

/** What the working calendar records in the audit log. */
enum CalendarAudit implements AuditAction {

    DAY_ADDED("calendar.day-added"),
    DAY_CHANGED("calendar.day-changed"),
    DAY_REMOVED("calendar.day-removed"),
    YEAR_LOADED("calendar.year-loaded"),
    YEAR_REPLACED("calendar.year-replaced");

    private final String code;

    CalendarAudit(String code) {
        this.code = code;
    }

    @Override
    public String code() {
        return code;
    }
}
