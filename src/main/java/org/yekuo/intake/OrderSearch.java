package org.yekuo.intake;

import java.time.LocalDate;
import java.util.Optional;

/**
 * What staff look for in the orders of their scope: one text that is an order number, an applicant's
 * name, phone, ID number or credit code, or part of an address; the type, the current node, the status
 * and the day of acceptance from and to. Empty parts do not narrow the search.
 */
public record OrderSearch(String text, String typeCode, String node, ApplicationStatus status, LocalDate from, LocalDate to) {

    public static OrderSearch all() {
        return new OrderSearch(null, null, null, null, null, null);
    }

    public Optional<String> textValue() {
        return blankless(text);
    }

    public Optional<String> typeValue() {
        return blankless(typeCode);
    }

    public Optional<String> nodeValue() {
        return blankless(node);
    }

    private static Optional<String> blankless(String value) {
        return Optional.ofNullable(value).map(String::strip).filter(v -> !v.isEmpty());
    }
}
