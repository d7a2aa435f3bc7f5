package org.yekuo.integration.internal;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.yekuo.intake.OrderResumed;
import org.yekuo.workflow.NodeReached;

/**
 * Works the project management system reported complete before the order could take them (R-X-7): they complete
 * SUPPLY_WORKS when the order reaches that node, or when a suspended order moves again. Runs after the change that
 * reached or resumed the order has committed; a node already completed is not open and stays as it is.
 */
@Component
class SupplyWorksCompletion {

    /** Who completed the node, as the audit log names the source. */
    private static final String REPORTER = "project-management";

    private final InboundUpdates updates;

    SupplyWorksCompletion(InboundUpdates updates) {
        this.updates = updates;
    }

    @ApplicationModuleListener
    void on(NodeReached reached) {
        if (InboundUpdates.SUPPLY_WORKS.equals(reached.nodeCode())) {
            updates.worksCompleted(reached.orderId(), REPORTER);
        }
    }

    @ApplicationModuleListener
    void on(OrderResumed resumed) {
        updates.worksCompleted(resumed.orderId(), REPORTER);
    }
}
