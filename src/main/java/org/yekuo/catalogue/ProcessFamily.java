package org.yekuo.catalogue;

/** The process family a business type runs as; one process model serves each family. */
public enum ProcessFamily {
    LV, HV, CHANGE, PV;

    public String messageKey() {
        return "catalogue.family." + name();
    }
}
