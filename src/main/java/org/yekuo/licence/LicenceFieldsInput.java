package org.yekuo.licence;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

import org.yekuo.shared.DomainException;

/**
 * A licence's fields as a person confirms or corrects them on the form, as entered; {@link #parse} checks them and
 * names the field at fault.
 */
public record LicenceFieldsInput(String name, String legalRepresentative, String address, String registeredCapital, String validFrom,
        String validUntil, String propertyLocation, String propertyArea) {

    static final int MAX_NAME = 100;
    static final int MAX_TEXT = 200;

    /** The checked fields: text trimmed, amounts and areas not negative, dates as yyyy-MM-dd and in order. */
    public Parsed parse() {
        String checkedName = text("name", name, MAX_NAME);
        if (checkedName == null) {
            throw DomainException.invalid("name", "licence.registry.fields.name-required", MAX_NAME);
        }
        LocalDate from = date("validFrom", validFrom);
        LocalDate until = date("validUntil", validUntil);
        if (from != null && until != null && until.isBefore(from)) {
            throw DomainException.invalid("validUntil", "licence.registry.fields.until-before-from", from);
        }
        return new Parsed(checkedName, text("legalRepresentative", legalRepresentative, MAX_NAME), text("address", address, MAX_TEXT),
                amount("registeredCapital", registeredCapital), from, until, text("propertyLocation", propertyLocation, MAX_TEXT),
                amount("propertyArea", propertyArea));
    }

    /** Checked fields. */
    public record Parsed(String name, String legalRepresentative, String address, BigDecimal registeredCapital, LocalDate validFrom,
            LocalDate validUntil, String propertyLocation, BigDecimal propertyArea) {
    }

    private static String text(String field, String value, int max) {
        String trimmed = value == null ? "" : value.strip();
        if (trimmed.length() > max) {
            throw DomainException.invalid(field, "licence.registry.fields.too-long", max);
        }
        if (trimmed.chars().anyMatch(Character::isISOControl)) {
            throw DomainException.invalid(field, "licence.registry.fields.control");
        }
        return trimmed.isEmpty() ? null : trimmed;
    }

    private static BigDecimal amount(String field, String value) {
        String trimmed = value == null ? "" : value.strip();
        if (trimmed.isEmpty()) {
            return null;
        }
        try {
            BigDecimal amount = new BigDecimal(trimmed);
            if (amount.signum() < 0 || amount.scale() > 2 || amount.precision() - amount.scale() > 12) {
                throw DomainException.invalid(field, "licence.registry.fields.amount");
            }
            return amount;
        } catch (NumberFormatException e) {
            throw DomainException.invalid(field, "licence.registry.fields.amount");
        }
    }

    private static LocalDate date(String field, String value) {
        String trimmed = value == null ? "" : value.strip();
        if (trimmed.isEmpty()) {
            return null;
        }
        try {
            return LocalDate.parse(trimmed);
        } catch (DateTimeParseException e) {
            throw DomainException.invalid(field, "licence.registry.fields.date", trimmed);
        }
    }
}
