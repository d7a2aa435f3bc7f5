package org.yekuo.audit;

import org.yekuo.shared.Sm3;

/**
 * The hash AuditTrail gives a record, for the benchmark's generator that appends history to the chain in
 * bulk: it uses the chain's own canonical text, so generated records verify like appended ones.
 */
public final class AuditHashes {

    private AuditHashes() {
    }

    public static String hashOf(AuditEntry unsigned) {
        return Sm3.hex(unsigned.canonicalText());
    }
}
