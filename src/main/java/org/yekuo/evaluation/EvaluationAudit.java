package org.yekuo.evaluation;

import org.yekuo.audit.AuditAction;

/** What customer evaluation records in the audit log. */
enum EvaluationAudit implements AuditAction {

    INVITED("evaluation.invited"),
    RECTIFIED("evaluation.rectified"),
    REMINDED("evaluation.reminded"),
    RULE_CHANGED("evaluation.rule-changed"),
    SUBMITTED("evaluation.submitted"),
    TASK_CLOSED("evaluation.task-closed"),
    TRACED("evaluation.traced");

    private final String code;

    EvaluationAudit(String code) {
        this.code = code;
    }

    @Override
    public String code() {
        return code;
    }
}
