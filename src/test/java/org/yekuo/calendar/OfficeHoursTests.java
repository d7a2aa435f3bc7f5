package org.yekuo.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class OfficeHoursTests {

    private static OfficeHours bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("yekuo.calendar.office-hours", OfficeHours.class);
    }

    @Test
    void defaultsToHalfPastEightUntilHalfPastFiveWithLunchWhenNothingIsSet() {
        assertThat(bind(Map.of()).periods()).extracting(OfficeHours.Period::start, OfficeHours.Period::end)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(LocalTime.of(8, 30), LocalTime.of(12, 0)),
                        org.assertj.core.groups.Tuple.tuple(LocalTime.of(13, 30), LocalTime.of(17, 30)));
    }

    @Test
    void configuredOfficeHoursDriveTheHourArithmetic() {
        OfficeHours hours = bind(Map.of(
                "yekuo.calendar.office-hours.periods[0].start", "09:00",
                "yekuo.calendar.office-hours.periods[0].end", "17:00"));
        LoadedCalendar calendar = new LoadedCalendar(Set.of(), Map.of(), hours);
        assertThat(calendar.plusWorkingHours(LocalDateTime.parse("2026-03-02T16:00"), Duration.ofHours(2)).value())
                .isEqualTo("2026-03-03T10:00");
    }

    @Test
    void refusesOverlappingPeriods() {
        assertThatThrownBy(() -> bind(Map.of(
                "yekuo.calendar.office-hours.periods[0].start", "08:00",
                "yekuo.calendar.office-hours.periods[0].end", "12:00",
                "yekuo.calendar.office-hours.periods[1].start", "11:00",
                "yekuo.calendar.office-hours.periods[1].end", "17:00")))
                .hasRootCauseInstanceOf(IllegalArgumentException.class);
    }
}
