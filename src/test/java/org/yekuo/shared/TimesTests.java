package org.yekuo.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.StringTemplateResolver;

class TimesTests {

    private static final LocalDateTime MOMENT = LocalDateTime.of(2026, 12, 7, 9, 5, 30);

    @Test
    @DisplayName("a time is written to the minute, to the second, as its day or as its time of day")
    void writesTheFourFormats() {
        Times times = Times.forTemplates();
        assertThat(times.minutes(MOMENT)).isEqualTo("2026-12-07 09:05");
        assertThat(times.seconds(MOMENT)).isEqualTo("2026-12-07 09:05:30");
        assertThat(times.day(MOMENT)).isEqualTo("2026-12-07");
        assertThat(times.day(LocalDate.of(2026, 1, 2))).isEqualTo("2026-01-02");
        assertThat(times.timeOfDay(MOMENT)).isEqualTo("09:05");
    }

    @Test
    @DisplayName("a zoned time is written in its own zone, as the page gave it")
    void keepsTheZoneItIsGiven() {
        ZonedDateTime utc = MOMENT.atZone(ZoneId.of("UTC"));
        assertThat(Times.forTemplates().minutes(utc.withZoneSameInstant(ClockConfiguration.UTILITY_ZONE)))
                .isEqualTo("2026-12-07 17:05");
    }

    @Test
    @DisplayName("R-SLA-1 an instant is written in the utility's zone, Asia/Shanghai")
    void writesAnInstantInTheUtilityZone() {
        assertThat(Times.forTemplates().minutes(MOMENT.atZone(ZoneId.of("UTC")).toInstant())).isEqualTo("2026-12-07 17:05");
    }

    @Test
    @DisplayName("a template writes a time with #times, and nothing where there is no time")
    void templatesReachTheFormats() {
        SpringTemplateEngine engine = new SpringTemplateEngine();
        StringTemplateResolver resolver = new StringTemplateResolver();
        resolver.setTemplateMode(TemplateMode.HTML);
        engine.setTemplateResolver(resolver);
        engine.addDialect(new TimesDialect());
        Context context = new Context();
        context.setVariables(Map.of("at", MOMENT));
        String page = engine.process("<p th:text=\"${#times.minutes(at)}\">t</p><p th:text=\"${#times.day(none)}\">t</p>", context);
        assertThat(page).isEqualTo("<p>2026-12-07 09:05</p><p></p>");
    }
}
