package org.yekuo.notification.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.yekuo.shared.DomainException;

class CodeIssueLimitsTests {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final Instant NOW = Instant.parse("2026-03-02T02:00:00Z");

    @Test
    @DisplayName("6b the day limit says when the oldest of the ten codes leaves the 24-hour window, in the utility's time")
    void dayLimitNamesWhenTheNextCodeMayBeAskedFor() {
        List<Instant> ten = IntStream.range(0, 10).mapToObj(i -> NOW.minus(Duration.ofHours(2 + i))).toList();

        assertThatThrownBy(() -> CodeIssueLimits.check(NOW, ten, List.of(), SHANGHAI))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.arguments())
                        .containsExactly(10, "2026-03-02 23:00"));
    }

    @Test
    @DisplayName("6b nine codes in a day, the last over a minute ago, and nineteen from the address allow one more")
    void belowEveryLimitIsAllowed() {
        List<Instant> nine = IntStream.range(0, 9).mapToObj(i -> NOW.minus(Duration.ofMinutes(1 + i))).toList();
        List<Instant> nineteen = IntStream.range(0, 19).mapToObj(i -> NOW.minus(Duration.ofMinutes(1 + i))).toList();

        assertThatCode(() -> CodeIssueLimits.check(NOW, nine, nineteen, SHANGHAI)).doesNotThrowAnyException();
    }
}
