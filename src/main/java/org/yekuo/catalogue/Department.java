package org.yekuo.catalogue;

/**
 * A department that countersigns supply schemes: operations for supply reliability, marketing for
 * tariff and metering, dispatch for grid capacity.
 */
public enum Department {
    OPERATIONS, MARKETING, DISPATCH;

    public String messageKey() {
        return "catalogue.department." + name();
    }
}
