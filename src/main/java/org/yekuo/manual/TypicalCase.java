package org.yekuo.manual;

import java.time.Instant;
import java.util.List;

/** A typical review case (R-REV-6) as an edition's appendix took it in. */
public record TypicalCase(int edition, String orderNo, String department, String verdict, List<String> clauses, String opinion,
        String note, String markedBy, Instant markedAt) {

    public TypicalCase {
        clauses = List.copyOf(clauses);
    }
}
