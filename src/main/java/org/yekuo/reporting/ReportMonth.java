package org.yekuo.reporting;

import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;

import org.yekuo.shared.DomainException;

/**
 * A calendar month in the utility's time zone, the unit of every monthly report; {@link #from()} and
 * {@link #to()} bound it as a half-open range of instants for the indexed range predicates.
 */
public record ReportMonth(YearMonth month, ZoneId zone) {

    static final int FIRST_YEAR = 2000;
    static final int LAST_YEAR = 2199;
    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("uuuu-MM").withResolverStyle(ResolverStyle.STRICT);

    /**
     * The month written as {@code yyyy-MM} in the request parameter {@code field}; none given means the
     * current month. Anything else is refused naming the field and the format.
     */
    public static ReportMonth parse(String field, String text, Clock clock) {
        if (text == null || text.isBlank()) {
            return new ReportMonth(YearMonth.now(clock), clock.getZone());
        }
        try {
            YearMonth month = YearMonth.parse(text.trim(), FORMAT);
            if (month.getYear() >= FIRST_YEAR && month.getYear() <= LAST_YEAR) {
                return new ReportMonth(month, clock.getZone());
            }
        } catch (DateTimeParseException e) {
            // refused below, as a month out of range is
        }
        throw DomainException.invalid(field, "deadline.report.month-invalid", text, FIRST_YEAR, LAST_YEAR);
    }

    public Instant from() {
        return month.atDay(1).atStartOfDay(zone).toInstant();
    }

    public Instant to() {
        return month.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant();
    }

    public ReportMonth minusMonths(int months) {
        return new ReportMonth(month.minusMonths(months), zone);
    }

    @Override
    public String toString() {
        return month.toString();
    }
}
