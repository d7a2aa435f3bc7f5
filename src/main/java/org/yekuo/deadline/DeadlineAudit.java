package org.yekuo.deadline;

import org.yekuo.audit.AuditAction;

/** What time-limit control records in the audit log. */
public enum DeadlineAudit implements AuditAction {

    EXPLANATION_APPROVED("deadline.explanation-approved"),
    EXPLANATION_FILED("deadline.explanation-filed"),
    EXPLANATION_REJECTED("deadline.explanation-rejected"),
    OVERDUE("deadline.overdue"),
    PAUSED("deadline.paused"),
    REMINDED("deadline.reminded"),
    RESUMED("deadline.resumed"),
    TURNED_YELLOW("deadline.turned-yellow"),
    OVERDUE_NOTICE_POSTED("overdue-notice.posted"),
    SCORE_RULE_CHANGED("score-rule.changed");

    private final String code;

    DeadlineAudit(String code) {
        this.code = code;
    }

    @Override
    public String code() {
        return code;
    }
}
