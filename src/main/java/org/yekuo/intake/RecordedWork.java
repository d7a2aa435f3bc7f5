package org.yekuo.intake;

import java.util.Optional;
import java.util.Set;

/**
 * What a node recorded on its order as it completes, for the work module to move the order on and say so.
 *
 * @param fields     the names of the fields it recorded, in its form's order
 * @param outcome    the pass or fail of a node that decides one
 * @param goesBackTo the node a fail sends the order back to
 */
public record RecordedWork(String orderNo, Set<String> fields, Optional<NodeOutcome> outcome, Optional<String> goesBackTo) {
}
