package org.yekuo.workflow;

import org.springframework.http.HttpStatus;
import org.yekuo.shared.DomainException;

/**
 * Another transaction changed the same process at the same moment (two countersigns of one order):
 * nothing of this attempt was kept, and the work may simply be done again in a new transaction, which
 * {@link EngineRetries} does.
 */
public class ConcurrentCompletion extends DomainException {

    ConcurrentCompletion() {
        super(HttpStatus.CONFLICT, "workflow.task.concurrent");
    }
}
