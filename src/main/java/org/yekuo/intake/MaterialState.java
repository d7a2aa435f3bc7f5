package org.yekuo.intake;

/**
 * One checklist material of an application: supplied with it, on file from an earlier application
 * (never asked for again), deferred until a node, still required before acceptance completes,
 * or not applicable to this applicant.
 */
public enum MaterialState {
    SUPPLIED, ON_FILE, DEFERRED, REQUIRED, NOT_APPLICABLE;

    public boolean satisfied() {
        return this == SUPPLIED || this == ON_FILE || this == NOT_APPLICABLE;
    }

    public String messageKey() {
        return "intake.material-state." + name();
    }
}
