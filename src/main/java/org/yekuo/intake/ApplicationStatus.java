package org.yekuo.intake;

/** Where an application stands. A suspended one waits for the customer's deferred material. */
public enum ApplicationStatus {
    ACTIVE, SUSPENDED, CANCELLED, COMPLETED;

    public boolean open() {
        return this == ACTIVE || this == SUSPENDED;
    }

    public String messageKey() {
        return "intake.status." + name();
    }
}
