package org.yekuo.review.web;

import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.Locale;

import org.yekuo.catalogue.Department;
import org.yekuo.shared.DomainException;

/** Parses what pages and the API pass as text: a month, a department. */
final class ReviewForms {

    private ReviewForms() {
    }

    static YearMonth month(String text) {
        try {
            return YearMonth.parse(text.strip());
        } catch (DateTimeParseException | NullPointerException e) {
            throw DomainException.invalid("month", "review.month.invalid", String.valueOf(text));
        }
    }

    static Department department(String text) {
        try {
            return Department.valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw DomainException.invalid("department", "review.department.invalid", text);
        }
    }
}
