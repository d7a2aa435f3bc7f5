package org.yekuo.integration.internal;

/** An order reached SUPPLY_WORKS: works the project management system reported may complete it once that has committed. */
public record SupplyWorksReached(long orderId) {
}
