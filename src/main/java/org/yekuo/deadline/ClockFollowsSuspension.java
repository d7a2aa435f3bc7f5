package org.yekuo.deadline;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.yekuo.intake.OrderResumed;
import org.yekuo.intake.OrderSuspended;

/**
 * The order's clock stands still while the order waits for the customer's material and runs on when it arrives
 * (R-MAT-4, R-SLA-4, R-SLA-8). Synchronous, in the transaction that suspends or resumes the order: a suspension that
 * rolls back leaves the clock running, and a resumption that rolls back leaves it paused.
 */
@Component
class ClockFollowsSuspension {

    private final Deadlines deadlines;

    ClockFollowsSuspension(Deadlines deadlines) {
        this.deadlines = deadlines;
    }

    @EventListener
    void on(OrderSuspended event) {
        // Waiting for the customer does not use up the utility's time limit.
        deadlines.pause(event.orderId(), event.waitingFor());
    }

    @EventListener
    void on(OrderResumed event) {
        deadlines.resume(event.orderId());
    }
}
