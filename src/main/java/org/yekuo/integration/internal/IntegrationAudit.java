package org.yekuo.integration.internal;

import org.yekuo.audit.AuditAction;

/** What the exchange with outside systems records in the audit log. */
public enum IntegrationAudit implements AuditAction {

    CUSTOMER_NUMBER("integration.customer-number"),
    DELIVERY_REPLAYED("integration.delivery-replayed"),
    INBOUND_REFUSED("integration.inbound-refused"),
    INBOUND_SCOPE_REFUSED("integration.inbound-scope-refused"),
    INBOUND_TOKEN_REFUSED("integration.inbound-token-refused"),
    SUBSCRIBER_ACTIVATED("integration.subscriber-activated"),
    SUBSCRIBER_CREATED("integration.subscriber-created"),
    SUBSCRIBER_DEACTIVATED("integration.subscriber-deactivated"),
    SUPPLY_WORKS_MILESTONE("integration.supply-works-milestone");

    private final String code;

    IntegrationAudit(String code) {
        this.code = code;
    }

    @Override
    public String code() {
        return code;
    }
}
