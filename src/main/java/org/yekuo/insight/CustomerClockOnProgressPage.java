package org.yekuo.insight;

import java.util.Map;

import org.springframework.stereotype.Component;
import org.yekuo.intake.OrderPageContribution;

/** The customer's clock on the applicant's progress page (R-SLA-8, R-SLA-9). */
@Component
class CustomerClockOnProgressPage implements OrderPageContribution {

    private final CustomerClock clock;

    CustomerClockOnProgressPage(CustomerClock clock) {
        this.clock = clock;
    }

    @Override
    public Map<String, Object> progress(long orderId) {
        return Map.of("clock", clock.of(orderId));
    }
}
