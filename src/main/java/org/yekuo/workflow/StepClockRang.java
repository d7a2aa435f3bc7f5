package org.yekuo.workflow;

import java.time.Instant;

/**
 * A step's clock reached one of its moments while the step was still open; heard by the module that owns
 * the step, in the engine's transaction. A timer job that outlived its lock can run twice, so listeners
 * act once by claiming (a conditional update) rather than trusting to be called once.
 */
public record StepClockRang(String kind, long subjectId, Moment moment, Instant rangAt) {

    public enum Moment {
        REMINDER, OVERDUE, ESCALATION
    }
}
