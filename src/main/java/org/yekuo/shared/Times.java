package org.yekuo.shared;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;

/**
 * How a time is written on every page, export, document and text message: {@code 2026-12-07 09:30},
 * the day alone as {@code 2026-12-07}; an instant in the utility's zone. Templates reach the same formats as
 * {@code #times}.
 */
public final class Times {

    /** A moment to the minute, as pages, exports and messages show it. */
    public static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    /** A moment to the second, where the order of near events matters (the audit log). */
    public static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    /** A day. */
    public static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd");

    /** The time of a day, where the day goes without saying. */
    public static final DateTimeFormatter TIME_OF_DAY = DateTimeFormatter.ofPattern("HH:mm");

    private static final Times INSTANCE = new Times();

    private Times() {
    }

    /** The formats for templates, which call them on an object ({@code ${#times.minutes(order.createdAt())}}). */
    static Times forTemplates() {
        return INSTANCE;
    }

    /** An instant is shown in the utility's zone, as the JVM's default zone is set at start-up (YekuoApplication). */
    private static TemporalAccessor zoned(TemporalAccessor time) {
        return time instanceof Instant instant ? instant.atZone(ClockConfiguration.UTILITY_ZONE) : time;
    }

    /** {@code 2026-12-07 09:30}; nothing for no time. */
    public String minutes(TemporalAccessor time) {
        return time == null ? null : MINUTES.format(zoned(time));
    }

    /** {@code 2026-12-07 09:30:15}; nothing for no time. */
    public String seconds(TemporalAccessor time) {
        return time == null ? null : SECONDS.format(zoned(time));
    }

    /** {@code 2026-12-07}; nothing for no day. */
    public String day(TemporalAccessor time) {
        return time == null ? null : DAY.format(zoned(time));
    }

    /** {@code 09:30}; nothing for no time. */
    public String timeOfDay(TemporalAccessor time) {
        return time == null ? null : TIME_OF_DAY.format(zoned(time));
    }
}
