package org.yekuo.manual;

import java.time.Instant;

/**
 * A member of staff certified for a business type (R-STD-2) by a passed exam, valid until a date and, when the
 * type's chapter changed materially after it was gained, only until the renewal deadline.
 *
 * @param renewBy when a material change of the chapter requires renewal: the end of the grace period; else null
 */
public record Certification(long id, String username, String typeCode, Long examId, int edition, Instant certifiedAt,
        Instant validUntil, Instant renewBy) {

    /** The instant it stops counting: its expiry, or the renewal deadline if that comes first. */
    public Instant lapsesAt() {
        return renewBy != null && renewBy.isBefore(validUntil) ? renewBy : validUntil;
    }

    public boolean validAt(Instant at) {
        return at.isBefore(lapsesAt());
    }
}
