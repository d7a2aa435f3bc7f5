package org.yekuo.licence;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

import org.yekuo.shared.Masking;

/**
 * A licence an order rests on (R-LIC-1, R-LIC-4), with its fields as fetched or as a person confirmed them, and
 * whether it ends within 30 days or has ended. {@code validUntil} null means without limit.
 */
public record OrderLicence(long id, long orderId, LicenceKind kind, String licenceNo, String name, String legalRepresentative, String address,
        BigDecimal registeredCapital, LocalDate validFrom, LocalDate validUntil, String propertyLocation, BigDecimal propertyArea,
        Instant fetchedAt, String confirmedBy, Instant confirmedAt, boolean expiresSoon, boolean expired) {

    /** The holder's name as staff see a person's name (R-X-2, 6a: 张*丰). */
    public String nameMasked() {
        return Masking.chineseName(name);
    }

    public String legalRepresentativeMasked() {
        return legalRepresentative == null ? null : Masking.chineseName(legalRepresentative);
    }

    public boolean confirmed() {
        return confirmedAt != null;
    }
}
