package org.yekuo.stock;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDateTime;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.yekuo.shared.ClockConfiguration;

/** The materials clerk's limits in office hours of the shipped 2026 calendar (R-COL-2). */
@SpringBootTest
class StockStepDeadlinesTests {

    @Autowired
    StockStepDeadlines deadlines;

    @Test
    @DisplayName("R-COL-2 a bill pushed at 11:00 must be confirmed by 14:30: the lunch break does not count")
    void confirmationSkipsTheLunchBreak() {
        StockStepDeadlines.Steps steps = deadlines.from(at(2026, 3, 6, 11, 0));
        assertThat(steps.confirmYellowAt()).isEqualTo(at(2026, 3, 6, 12, 0));
        assertThat(steps.confirmDueAt()).isEqualTo(at(2026, 3, 6, 14, 30));
        assertThat(steps.alternativeDueAt()).isEqualTo(at(2026, 3, 6, 16, 30));
    }

    @Test
    @DisplayName("R-COL-2 a bill pushed late on Friday is due on Monday morning: the weekend does not count")
    void confirmationSkipsTheWeekend() {
        StockStepDeadlines.Steps steps = deadlines.from(at(2026, 3, 6, 16, 30));
        assertThat(steps.confirmYellowAt()).isEqualTo(at(2026, 3, 6, 17, 30));
        assertThat(steps.confirmDueAt()).isEqualTo(at(2026, 3, 9, 9, 30));
        // 4 working hours: 1 on Friday, 3 on Monday morning (08:30-11:30).
        assertThat(steps.alternativeDueAt()).isEqualTo(at(2026, 3, 9, 11, 30));
    }

    @Test
    @DisplayName("R-COL-2 a bill pushed before Labour Day is due after the five-day holiday")
    void confirmationSkipsTheHoliday() {
        StockStepDeadlines.Steps steps = deadlines.from(at(2026, 4, 30, 16, 30));
        assertThat(steps.confirmDueAt()).isEqualTo(at(2026, 5, 6, 9, 30));
        assertThat(steps.alternativeDueAt()).isEqualTo(at(2026, 5, 6, 11, 30));
    }

    @Test
    @DisplayName("R-COL-2 a bill pushed at night counts from the next office hours")
    void confirmationFromTheNextOfficeHours() {
        StockStepDeadlines.Steps steps = deadlines.from(at(2026, 3, 10, 20, 0));
        assertThat(steps.confirmDueAt()).isEqualTo(at(2026, 3, 11, 10, 30));
    }

    static Instant at(int y, int m, int d, int h, int min) {
        return LocalDateTime.of(y, m, d, h, min).atZone(ClockConfiguration.UTILITY_ZONE).toInstant();
    }
}
