package org.yekuo.audit;

import java.time.Instant;

/** One link of the audit chain. {@code detail} never holds unmasked personal data. */
public record AuditEntry(long seq, Instant occurredAt, String actor, String action, String subjectType,
        String subjectId, String detail, Outcome outcome, String prevHash, String hash) {

    public enum Outcome {
        SUCCESS, FAILURE
    }

    /** The exact text the hash covers; changing any field of a stored record breaks the chain here. */
    String canonicalText() {
        return String.join("\u001f", Long.toString(seq), Long.toString(occurredAt.toEpochMilli()), actor, action,
                subjectType, subjectId, detail, outcome.name(), prevHash);
    }
}
