package org.yekuo.licence;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * A licence as the platform answers it: its structured fields and its file. Fields a kind does not have are
 * null (an ID record has no registered capital); {@code validUntil} is null for a licence valid without a limit
 * (长期).
 *
 * @param registeredCapital in ten thousand yuan (万元), as the licence states it
 * @param propertyArea      in square metres
 */
public record FetchedLicence(LicenceKind kind, String licenceNo, String holderCode, String name, String legalRepresentative,
        String address, BigDecimal registeredCapital, LocalDate validFrom, LocalDate validUntil, String propertyLocation,
        BigDecimal propertyArea, String issuer, LicenceFile file) {

    /** The licence's file as issued: an OFD (a ZIP of XML, GB/T 33190) or a PDF, with its original bytes. */
    public record LicenceFile(String fileName, byte[] content) {
    }

    /** True when the licence no longer holds on {@code day}. */
    public boolean expiredOn(LocalDate day) {
        return validUntil != null && validUntil.isBefore(day);
    }
}
