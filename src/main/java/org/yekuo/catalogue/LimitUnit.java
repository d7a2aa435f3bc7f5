package org.yekuo.catalogue;

/** What a node's time limit counts: working days or working hours of the working-day calendar. */
public enum LimitUnit {
    WORKING_DAYS, WORKING_HOURS;

    public String messageKey() {
        return "catalogue.unit." + name();
    }
}
