package org.yekuo.deadline;

/**
 * The six categories a delay explanation must name (R-SLA-5); display names are the messages
 * {@code deadline.delay-category.<NAME>}.
 */
public enum DelayCategory {
    MATERIALS_OUT_OF_STOCK, CUSTOMER_NOT_COOPERATING, INTERNAL_HANDOFF, EXTERNAL_PERMITS, SITE_OR_WEATHER, OTHER;

    public String messageKey() {
        return "deadline.delay-category." + name();
    }
}
