package org.yekuo.intake;

import java.time.Instant;

/**
 * A pass or fail recorded at a node: why, and for a fail the node the order went back to.
 *
 * @param decidedByName the display name of who decided, once resolved
 */
public record RecordedOutcome(String nodeCode, NodeOutcome outcome, String reason, String returnTo, String decidedBy,
        String decidedByName, Instant decidedAt) {

    public boolean failed() {
        return outcome == NodeOutcome.FAIL;
    }

    RecordedOutcome named(String displayName) {
        return new RecordedOutcome(nodeCode, outcome, reason, returnTo, decidedBy, displayName, decidedAt);
    }
}
