package org.yekuo.deadline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDateTime;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.yekuo.catalogue.LimitSource;
import org.yekuo.catalogue.LimitUnit;
import org.yekuo.catalogue.TimeLimit;

/** Deadline arithmetic on the shipped 2026 calendar (R-SLA-1/2). */
@SpringBootTest
class DueDatesTests {

    @Autowired
    DueDates dueDates;

    @Test
    @DisplayName("R-SLA-1 R-SLA-2 a two-working-day limit reached on a Friday ends on Tuesday night, skipping the weekend")
    void workingDaysSkipTheWeekend() {
        Instant reached = at(2026, 3, 6, 10, 0);
        Instant due = dueDates.due(days(2), reached);
        assertThat(due).isEqualTo(at(2026, 3, 10, 23, 59, 59));
        // Yellow three working days before would be Thursday, before the node arrived: a node that short
        // turns yellow with its reminder instead.
        assertThat(ThreeColourRule.yellowAt(due, reached, dueDates)).isEqualTo(at(2026, 3, 10, 8, 30));
        // A working day before is Monday night; the reminder goes when the office opens on Tuesday.
        assertThat(dueDates.remindAt(due, reached)).isEqualTo(at(2026, 3, 10, 8, 30));
    }

    @Test
    @DisplayName("R-SLA-3 a node reached on its last working day gets no reminder ahead: it has just arrived")
    void noReminderAheadOnTheLastDay() {
        Instant reached = at(2026, 3, 10, 10, 0);
        Instant due = dueDates.due(days(0), reached);
        assertThat(dueDates.remindAt(due, reached)).isEqualTo(reached);
    }

    @Test
    @DisplayName("R-SLA-2 over Spring Festival 2026 the working Saturday 2026-02-14 counts and 15 to 23 February do not")
    void springFestivalAndItsWorkingSaturday() {
        Instant reached = at(2026, 2, 13, 10, 0);
        Instant due = dueDates.due(days(2), reached);
        assertThat(due).isEqualTo(at(2026, 2, 24, 23, 59, 59));
        // A working day before is the working Saturday's night; the office opens next after the holiday.
        assertThat(dueDates.remindAt(due, reached)).isEqualTo(at(2026, 2, 24, 8, 30));
        Instant longer = dueDates.due(days(5), at(2026, 2, 10, 9, 0));
        // 11, 12, 13, 14 (Saturday, working), then 24 after the holiday.
        assertThat(longer).isEqualTo(at(2026, 2, 24, 23, 59, 59));
        assertThat(ThreeColourRule.yellowAt(longer, at(2026, 2, 10, 9, 0), dueDates)).isEqualTo(at(2026, 2, 12, 23, 59, 59));
    }

    @Test
    @DisplayName("R-SLA-2 the working Saturday 2026-02-28 counts as a working day")
    void workingSaturdayAfterTheFestival() {
        assertThat(dueDates.due(days(3), at(2026, 2, 26, 9, 0))).isEqualTo(at(2026, 3, 2, 23, 59, 59));
        assertThat(dueDates.isWorkingDay(java.time.LocalDate.of(2026, 2, 28))).isTrue();
        assertThat(dueDates.isWorkingDay(java.time.LocalDate.of(2026, 2, 16))).isFalse();
    }

    @Test
    @DisplayName("R-SLA-1 a limit in working hours counts office hours and rolls into the working Saturday before the festival")
    void workingHoursCountOfficeHours() {
        Instant due = dueDates.due(new TimeLimit(2, LimitUnit.WORKING_HOURS, LimitSource.COMMON_PRACTICE, null),
                at(2026, 2, 13, 16, 0));
        assertThat(due).isEqualTo(at(2026, 2, 14, 9, 0));
    }

    @Test
    @DisplayName("R-SLA-4 a pause moves the deadline on by the working days it lasted, holidays not counted")
    void pauseMovesTheDeadlineByWorkingDays() {
        // Paused on Thursday 12th, resumed on Wednesday 25th: 13, 14 (Saturday), 24 and 25 are working days.
        Instant moved = dueDates.shifted(at(2026, 2, 12, 23, 59, 59), LimitUnit.WORKING_DAYS, at(2026, 2, 12, 11, 0),
                at(2026, 2, 25, 9, 0));
        assertThat(moved).isEqualTo(at(2026, 2, 25, 23, 59, 59));
        // Paused and resumed on the same day: no working day was lost.
        assertThat(dueDates.shifted(at(2026, 3, 10, 23, 59, 59), LimitUnit.WORKING_DAYS, at(2026, 3, 9, 9, 0),
                at(2026, 3, 9, 16, 0))).isEqualTo(at(2026, 3, 10, 23, 59, 59));
    }

    private static TimeLimit days(int amount) {
        return new TimeLimit(amount, LimitUnit.WORKING_DAYS, LimitSource.COMMON_PRACTICE, null);
    }

    private static Instant at(int y, int m, int d, int h, int min) {
        return at(y, m, d, h, min, 0);
    }

    private static Instant at(int y, int m, int d, int h, int min, int s) {
        return LocalDateTime.of(y, m, d, h, min, s).atZone(MovableClock.ZONE).toInstant();
    }
}
