package org.yekuo.integration.internal;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.yekuo.intake.OrderResumed;
import org.yekuo.workflow.NodeReached;

/**
 * Works the project management system reported complete before the order could take them (R-X-7): they complete
 * SUPPLY_WORKS when the order reaches that node, or when a suspended order moves again. Runs after the change that
 * reached or resumed the order has committed; a node already completed is not open and stays as it is. Only the
 * arrival at SUPPLY_WORKS is handed on after the commit: the other nodes, most of them, leave no event publication
 * (a row written, claimed and completed in a transaction of its own) behind.
 */
@Component
class SupplyWorksCompletion {

    /** Who completed the node, as the audit log names the source. */
    private static final String REPORTER = "project-management";

    private final InboundUpdates updates;
    private final ApplicationEventPublisher events;

    SupplyWorksCompletion(InboundUpdates updates, ApplicationEventPublisher events) {
        this.updates = updates;
        this.events = events;
    }

    /** In the engine's transaction: picks the one node this class acts on out of every node reached. */
    @EventListener
    void on(NodeReached reached) {
        if (InboundUpdates.SUPPLY_WORKS.equals(reached.nodeCode())) {
            events.publishEvent(new SupplyWorksReached(reached.orderId().value()));
        }
    }

    @ApplicationModuleListener
    void on(SupplyWorksReached reached) {
        updates.worksCompleted(reached.orderId(), REPORTER);
    }

    @ApplicationModuleListener
    void on(OrderResumed resumed) {
        updates.worksCompleted(resumed.orderId(), REPORTER);
    }
}
