package org.yekuo.integration.internal;

/**
 * What the engineering project management system reports of an order's supply works, in the order they
 * happen; each one's display name is the message {@code integration.milestone.<NAME>}.
 */
public enum SupplyWorksMilestone {
    WORKS_STARTED, MATERIALS_ON_SITE, WORKS_COMPLETED;

    public String messageKey() {
        return "integration.milestone." + name();
    }
}
