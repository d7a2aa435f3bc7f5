package org.yekuo.workflow;

import java.time.Instant;
import java.util.List;

/**
 * The port through which the engine asks the module that owns scheme reviews (R-REV-1, R-REV-4) who
 * countersigns a submitted scheme and where the review leads, so that the workflow module knows no
 * catalogue, opinion or ruling. Called only from the {@code orderProcess} adapter, in the engine's
 * transaction.
 */
public interface SchemeReviews {

    /**
     * A scheme was submitted: opens a review round and answers the reviewer role of every department that
     * countersigns it this round (one parallel task each); an empty list lets the scheme pass unreviewed.
     */
    List<String> openRound(long orderId, Instant submittedAt);

    /** Where the order's latest round leads, asked once all its tasks (and any arbitration) are done. */
    ReviewOutcome outcome(long orderId);
}
