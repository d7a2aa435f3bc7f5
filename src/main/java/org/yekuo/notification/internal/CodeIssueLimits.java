package org.yekuo.notification.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.yekuo.shared.DomainException;
import org.yekuo.shared.Times;

/**
 * How often verification codes may be asked for (6b: rate-limited per phone and per IP): one per phone
 * a minute, ten per phone a day and twenty per requesting address an hour. A refusal says which limit
 * it hit and when the next code may be asked for.
 */
public final class CodeIssueLimits {

    public static final Duration PHONE_INTERVAL = Duration.ofSeconds(60);
    public static final Duration PHONE_WINDOW = Duration.ofDays(1);
    public static final int PHONE_PER_WINDOW = 10;
    public static final Duration ADDRESS_WINDOW = Duration.ofHours(1);
    public static final int ADDRESS_PER_WINDOW = 20;

    private CodeIssueLimits() {
    }

    /**
     * @param phoneIssues   when codes went to this phone within the last {@link #PHONE_WINDOW}
     * @param addressIssues when codes were asked for from this address within the last {@link #ADDRESS_WINDOW}
     * @throws DomainException 429 naming the field and when to try again
     */
    public static void check(Instant now, List<Instant> phoneIssues, List<Instant> addressIssues, ZoneId zone) {
        Instant latest = phoneIssues.stream().max(Comparator.naturalOrder()).orElse(null);
        if (latest != null && now.isBefore(latest.plus(PHONE_INTERVAL))) {
            long seconds = Math.max(1, (Duration.between(now, latest.plus(PHONE_INTERVAL)).toMillis() + 999) / 1000);
            throw tooMany("phone", "online.code.too-soon", Duration.ofSeconds(seconds), seconds);
        }
        if (phoneIssues.size() >= PHONE_PER_WINDOW) {
            Instant freed = freed(phoneIssues, PHONE_PER_WINDOW, PHONE_WINDOW);
            throw tooMany("phone", "online.code.phone-limit", Duration.between(now, freed), PHONE_PER_WINDOW,
                    Times.MINUTES.format(freed.atZone(zone)));
        }
        if (addressIssues.size() >= ADDRESS_PER_WINDOW) {
            Instant freed = freed(addressIssues, ADDRESS_PER_WINDOW, ADDRESS_WINDOW);
            throw tooMany("clientIp", "online.code.address-limit", Duration.between(now, freed), ADDRESS_PER_WINDOW,
                    Times.MINUTES.format(freed.atZone(zone)));
        }
    }

    /** When the issue that lets one more in leaves the window, rounded up to the minute shown. */
    private static Instant freed(List<Instant> issues, int limit, Duration window) {
        List<Instant> newestFirst = issues.stream().sorted(Comparator.reverseOrder()).toList();
        return newestFirst.get(limit - 1).plus(window).plusSeconds(59);
    }

    private static DomainException tooMany(String field, String key, Duration retryAfter, Object... args) {
        return new DomainException(HttpStatus.TOO_MANY_REQUESTS, List.of(new DomainException.FieldProblem(field, key, args)),
                key, args).retryAfter(retryAfter);
    }
}
