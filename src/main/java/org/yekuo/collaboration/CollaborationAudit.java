package org.yekuo.collaboration;

import org.yekuo.audit.AuditAction;
import org.yekuo.workflow.StepClockRang;

/** What collaboration between departments records in the audit log. */
enum CollaborationAudit implements AuditAction {

    CHAIN_GENERATED("collaboration.chain.generated"),
    CHAIN_ISSUED("collaboration.chain.issued"),
    CHART_PUBLISHED("collaboration.chart.published"),
    QUALITY_FILED("collaboration.quality.filed"),
    QUESTION_ACCEPTED("collaboration.question.accepted"),
    QUESTION_ANSWERED("collaboration.question.answered"),
    QUESTION_ASKED("collaboration.question.asked"),
    QUESTION_ATTACHED("collaboration.question.attached"),
    QUESTION_ESCALATION("collaboration.question.escalation"),
    QUESTION_OVERDUE("collaboration.question.overdue"),
    QUESTION_REMINDER("collaboration.question.reminder"),
    QUESTION_REOPENED("collaboration.question.reopened"),
    SCHEME_CHANGE_ACKNOWLEDGED("collaboration.scheme-change.acknowledged"),
    SCHEME_CHANGE_NOTICED("collaboration.scheme-change.noticed");

    private final String code;

    CollaborationAudit(String code) {
        this.code = code;
    }

    @Override
    public String code() {
        return code;
    }

    /** The action that records a coordination question's clock ringing. */
    static CollaborationAudit questionRang(StepClockRang.Moment moment) {
        return switch (moment) {
            case REMINDER -> QUESTION_REMINDER;
            case OVERDUE -> QUESTION_OVERDUE;
            case ESCALATION -> QUESTION_ESCALATION;
        };
    }
}
