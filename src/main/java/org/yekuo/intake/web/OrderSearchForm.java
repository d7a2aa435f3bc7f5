package org.yekuo.intake.web;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;

import org.yekuo.intake.ApplicationStatus;
import org.yekuo.intake.OrderSearch;
import org.yekuo.shared.DomainException;

/** The order list's filters as the page and the API send them; a date that is no date is refused by name. */
record OrderSearchForm(String q, String type, String node, String status, String from, String to) {

    OrderSearch toSearch() {
        ApplicationStatus state = blank(status) ? null : parse("status", () -> ApplicationStatus.valueOf(status.strip()));
        return new OrderSearch(q, type, node, state, date("from", from), date("to", to));
    }

    private static LocalDate date(String field, String value) {
        return blank(value) ? null : parse(field, () -> LocalDate.parse(value.strip()));
    }

    private static <T> T parse(String field, java.util.function.Supplier<T> parser) {
        try {
            return parser.get();
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw DomainException.invalid(field, "intake.search." + field + "-invalid");
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
