package org.yekuo.catalogue;

/**
 * The 12 key nodes from acceptance to power-on (R-SLA-1), in their usual order. A business type uses
 * some of them, in its own order. Display names are the messages {@code catalogue.node.<CODE>}.
 */
public enum KeyNode {
    ACCEPTANCE, SITE_SURVEY, SCHEME_DESIGN, SCHEME_REVIEW, SCHEME_REPLY, DESIGN_REVIEW, INTERMEDIATE_INSPECTION,
    SUPPLY_WORKS, COMPLETION_ACCEPTANCE, CONTRACT, METER_INSTALLATION, POWER_ON;

    public String messageKey() {
        return "catalogue.node." + name();
    }
}
