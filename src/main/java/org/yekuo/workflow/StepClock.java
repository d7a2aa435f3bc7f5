package org.yekuo.workflow;

import java.time.Instant;

/**
 * A step outside the order's nodes that must be done in time (the materials clerk's stock confirmation,
 * an answer to a coordination question): when to remind whoever must act, when the step is overdue and
 * when it escalates further. {@code kind} and {@code subjectId} name the step for the module that owns
 * it; the engine rings each moment once, as a durable timer, whichever application node runs it.
 */
public record StepClock(String kind, long subjectId, Instant remindAt, Instant dueAt, Instant escalateAt) {

    public StepClock {
        if (kind == null || kind.isBlank() || kind.contains(":")) {
            throw new IllegalArgumentException("A step clock's kind is a plain name, got " + kind);
        }
        if (remindAt.isAfter(dueAt) || dueAt.isAfter(escalateAt)) {
            throw new IllegalArgumentException("A step clock rings in order: remind, due, escalate");
        }
    }

    String businessKey() {
        return key(kind, subjectId);
    }

    static String key(String kind, long subjectId) {
        return kind + ":" + subjectId;
    }
}
