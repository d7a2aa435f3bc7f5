package org.yekuo.calendar;

import java.time.LocalDate;

/** A holiday or an adjusted working day (a weekend day made a working day), named in both languages. */
public record SpecialDay(LocalDate date, DayKind kind, String nameZh, String nameEn) {

    public SpecialDay {
        if (!kind.special()) {
            throw new IllegalArgumentException("A special day is a holiday or an adjusted working day, not " + kind);
        }
    }

    public int year() {
        return date.getYear();
    }
}
