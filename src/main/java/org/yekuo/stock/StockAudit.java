package org.yekuo.stock;

import org.yekuo.audit.AuditAction;
import org.yekuo.workflow.StepClockRang;

/** What stock and material requests record in the audit log. */
enum StockAudit implements AuditAction {

    BOM_LINE_REMOVED("stock.bom.line-removed"),
    BOM_LINE_SET("stock.bom.line-set"),
    LOCK_EXPLAINED("stock.lock.explained"),
    LOCK_UNLOCKED("stock.lock.unlocked"),
    RECEIVED("stock.received"),
    REQUEST_ALTERNATIVE("stock.request.alternative"),
    REQUEST_CANCELLED("stock.request.cancelled"),
    REQUEST_ISSUED("stock.request.issued"),
    REQUEST_PUSHED("stock.request.pushed"),
    REQUEST_RESERVED("stock.request.reserved"),
    REQUEST_RETURNED("stock.request.returned"),
    REQUEST_REVISED("stock.request.revised"),
    REQUEST_SHORT("stock.request.short"),
    STEP_ESCALATION("stock.step.escalation"),
    STEP_OVERDUE("stock.step.overdue"),
    STEP_REMINDER("stock.step.reminder");

    private final String code;

    StockAudit(String code) {
        this.code = code;
    }

    @Override
    public String code() {
        return code;
    }

    /** The action that records a stock step's clock ringing. */
    static StockAudit stepRang(StepClockRang.Moment moment) {
        return switch (moment) {
            case REMINDER -> STEP_REMINDER;
            case OVERDUE -> STEP_OVERDUE;
            case ESCALATION -> STEP_ESCALATION;
        };
    }
}
