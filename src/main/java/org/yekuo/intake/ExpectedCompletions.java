package org.yekuo.intake;

import java.time.LocalDate;
import java.util.Optional;

/**
 * The port through which intake learns when an open order should be done (R-SLA-8), for its page, its receipt and
 * the applicant's progress page, so that intake depends on no module that keeps time: the module that keeps the
 * order's clock answers. Without one the pages show no date.
 */
public interface ExpectedCompletions {

    /** The expected completion of an open order, or empty when it has no open node with a time limit. */
    Optional<Expected> of(long orderId);

    /**
     * When the order should be done if every remaining node uses its full limit. {@code provisional} when part of it
     * was computed on weekends only because a year's calendar is not loaded; {@code paused} while its clock stands
     * still for the customer.
     */
    record Expected(LocalDate date, boolean provisional, boolean paused) {
    }
}
