package org.yekuo.manual;

import org.yekuo.audit.AuditAction;

/** What the business manual records in the audit log. */
public enum ManualAudit implements AuditAction {

    COUNTERSIGN_APPROVED("manual.countersign-approved"),
    COUNTERSIGN_DECLINED("manual.countersign-declined"),
    COUNTERSIGN_REQUESTED("manual.countersign-requested"),
    COUNTERSIGNED_SIGN_FOR("manual.countersigned-sign-for"),
    EXAM_FAILED("manual.exam-failed"),
    EXAM_PASSED("manual.exam-passed"),
    EXAM_STARTED("manual.exam-started"),
    FEEDBACK_LEFT("manual.feedback-left"),
    NOTE_ADDED("manual.note-added"),
    NOTE_RETIRED("manual.note-retired"),
    PUBLISHED("manual.published"),
    QUESTION_ADDED("manual.question-added"),
    QUESTION_RETIRED("manual.question-retired");

    private final String code;

    ManualAudit(String code) {
        this.code = code;
    }

    @Override
    public String code() {
        return code;
    }
}
