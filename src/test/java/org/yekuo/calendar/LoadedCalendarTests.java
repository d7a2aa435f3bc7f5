package org.yekuo.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.yekuo.shared.DomainException;

/** The working-day rule over 2026 as published by the State Council (notice of 2025 No. 7, reference/time-limits-and-holidays.md). */
class LoadedCalendarTests {

    private static final LoadedCalendar CALENDAR = new LoadedCalendar(Set.of(2026), notice2026(), OfficeHours.DEFAULT);

    private static Map<LocalDate, SpecialDay> notice2026() {
        Map<LocalDate, SpecialDay> days = new HashMap<>();
        holidays(days, "2026-01-01", "2026-01-03", "New Year's Day");
        holidays(days, "2026-02-15", "2026-02-23", "Spring Festival");
        holidays(days, "2026-04-04", "2026-04-06", "Qingming Festival");
        holidays(days, "2026-05-01", "2026-05-05", "Labour Day");
        holidays(days, "2026-06-19", "2026-06-21", "Dragon Boat Festival");
        holidays(days, "2026-09-25", "2026-09-27", "Mid-Autumn Festival");
        holidays(days, "2026-10-01", "2026-10-07", "National Day");
        for (String date : new String[] {"2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10"}) {
            days.put(LocalDate.parse(date), new SpecialDay(LocalDate.parse(date), DayKind.ADJUSTED_WORKDAY, "tiaoxiu", "Make-up working day"));
        }
        return days;
    }

    private static void holidays(Map<LocalDate, SpecialDay> days, String from, String to, String name) {
        for (LocalDate date = LocalDate.parse(from); !date.isAfter(LocalDate.parse(to)); date = date.plusDays(1)) {
            days.put(date, new SpecialDay(date, DayKind.HOLIDAY, name, name));
        }
    }

    private static LocalDate date(String text) {
        return LocalDate.parse(text);
    }

    private static LocalDateTime at(String text) {
        return LocalDateTime.parse(text);
    }

    @Nested
    class WorkingDays {

        @Test
        @DisplayName("R-SLA-2 the 2026 Spring Festival: 02-15 to 02-23 off, Saturdays 02-14 and 02-28 working")
        void springFestival2026() {
            assertThat(CALENDAR.isWorkingDay(date("2026-02-13"))).isTrue();
            assertThat(CALENDAR.isWorkingDay(date("2026-02-14"))).isTrue();
            for (LocalDate day = date("2026-02-15"); !day.isAfter(date("2026-02-23")); day = day.plusDays(1)) {
                assertThat(CALENDAR.isWorkingDay(day)).as(day.toString()).isFalse();
            }
            assertThat(CALENDAR.isWorkingDay(date("2026-02-24"))).isTrue();
            assertThat(CALENDAR.isWorkingDay(date("2026-02-28"))).isTrue();
            assertThat(CALENDAR.isWorkingDay(date("2026-03-01"))).isFalse();
            assertThat(CALENDAR.day(date("2026-02-17"))).extracting(CalendarDay::kind, CalendarDay::nameEn)
                    .containsExactly(DayKind.HOLIDAY, "Spring Festival");
        }

        @Test
        @DisplayName("R-SLA-2 a limit of 2 working days from Friday 2026-02-13 ends on 2026-02-24, after the festival")
        void deadlineAcrossSpringFestival() {
            assertThat(CALENDAR.plusWorkingDays(date("2026-02-13"), 1).value()).isEqualTo("2026-02-14");
            assertThat(CALENDAR.plusWorkingDays(date("2026-02-13"), 2).value()).isEqualTo("2026-02-24");
            assertThat(CALENDAR.plusWorkingDays(date("2026-02-12"), 5).value()).isEqualTo("2026-02-26");
            assertThat(CALENDAR.workingDaysBetween(date("2026-02-13"), date("2026-02-27")).value()).isEqualTo(5);
            assertThat(CALENDAR.workingDaysBetween(date("2026-02-13"), date("2026-02-28")).value()).isEqualTo(6);
        }

        @Test
        @DisplayName("R-SLA-2 New Year 2026: 01-01 to 01-03 off and Sunday 01-04 a working day")
        void newYear2026() {
            assertThat(CALENDAR.isWorkingDay(date("2026-01-02"))).isFalse();
            assertThat(CALENDAR.isWorkingDay(date("2026-01-04"))).isTrue();
            assertThat(CALENDAR.plusWorkingDays(date("2026-01-01"), 0).value()).isEqualTo("2026-01-04");
            assertThat(CALENDAR.plusWorkingDays(date("2025-12-31"), 1).value()).isEqualTo("2026-01-04");
            assertThat(CALENDAR.plusWorkingDays(date("2025-12-31"), 2).value()).isEqualTo("2026-01-05");
        }

        @Test
        @DisplayName("R-SLA-2 National Day 2026: Sunday 09-20 and Saturday 10-10 working, 10-01 to 10-07 off")
        void nationalDay2026() {
            assertThat(CALENDAR.workingDaysBetween(date("2026-09-18"), date("2026-09-21")).value()).isEqualTo(2);
            assertThat(CALENDAR.plusWorkingDays(date("2026-09-24"), 1).value()).isEqualTo("2026-09-28");
            assertThat(CALENDAR.plusWorkingDays(date("2026-09-30"), 1).value()).isEqualTo("2026-10-08");
            assertThat(CALENDAR.plusWorkingDays(date("2026-09-30"), 3).value()).isEqualTo("2026-10-10");
            assertThat(CALENDAR.workingDaysBetween(date("2026-09-30"), date("2026-10-12")).value()).isEqualTo(4);
        }

        @Test
        @DisplayName("R-SLA-2 zero working days keep a working day and move a day off to the next working day")
        void zeroWorkingDays() {
            assertThat(CALENDAR.plusWorkingDays(date("2026-02-24"), 0).value()).isEqualTo("2026-02-24");
            assertThat(CALENDAR.plusWorkingDays(date("2026-02-15"), 0).value()).isEqualTo("2026-02-24");
            assertThat(CALENDAR.workingDaysBetween(date("2026-02-15"), date("2026-02-15")).value()).isZero();
        }

        @Test
        @DisplayName("R-SLA-3 a negative count goes back: one working day before 2026-02-24 is Saturday 02-14")
        void countsBackwards() {
            assertThat(CALENDAR.plusWorkingDays(date("2026-02-24"), -1).value()).isEqualTo("2026-02-14");
            assertThat(CALENDAR.plusWorkingDays(date("2026-10-08"), -2).value()).isEqualTo("2026-09-29");
        }

        @Test
        @DisplayName("R-SLA-2 counting between agrees with adding for every count over the year")
        void betweenIsTheInverseOfPlus() {
            LocalDate start = date("2025-12-31");
            for (int n = 1; n <= 240; n++) {
                LocalDate due = CALENDAR.plusWorkingDays(start, n).value();
                assertThat(CALENDAR.workingDaysBetween(start, due).value()).as("n=%d", n).isEqualTo(n);
            }
        }

        @Test
        @DisplayName("R-SLA-2 2026 has 248 working days: 261 weekdays less 19 holidays on weekdays plus 6 adjusted working days")
        void wholeYear2026() {
            assertThat(CALENDAR.workingDaysBetween(date("2025-12-31"), date("2026-12-31")).value()).isEqualTo(248);
        }

        @Test
        @DisplayName("R-SLA-2 a span into unloaded 2027 counts weekends only there and is flagged")
        void spanIntoUnloadedYearIsFlagged() {
            CalendarResult<LocalDate> due = CALENDAR.plusWorkingDays(date("2026-12-30"), 3);
            assertThat(due.value()).isEqualTo("2027-01-04");
            assertThat(due.unloadedYears()).containsExactly(2027);
            assertThat(due.weekendsOnly()).isTrue();
            assertThat(CALENDAR.workingDaysBetween(date("2026-12-01"), date("2027-01-08")).unloadedYears()).containsExactly(2027);
            assertThat(CALENDAR.day(date("2027-01-01"))).extracting(CalendarDay::kind, CalendarDay::yearLoaded)
                    .containsExactly(DayKind.WORKDAY, false);
        }

        @Test
        @DisplayName("R-SLA-2 an answer within loaded years is not flagged, even when the start is the last day of an unloaded year")
        void answerWithinLoadedYearsIsNotFlagged() {
            assertThat(CALENDAR.plusWorkingDays(date("2026-02-13"), 2).weekendsOnly()).isFalse();
            assertThat(CALENDAR.plusWorkingDays(date("2025-12-31"), 1).unloadedYears()).isEmpty();
            assertThat(CALENDAR.plusWorkingDays(date("2026-01-05"), -1).unloadedYears()).isEmpty();
        }

        @Test
        void refusesAnEndBeforeTheStart() {
            assertThatThrownBy(() -> CALENDAR.workingDaysBetween(date("2026-03-02"), date("2026-03-01")))
                    .isInstanceOfSatisfying(DomainException.class,
                            e -> assertThat(e.fieldProblems()).extracting(DomainException.FieldProblem::field).containsExactly("to"));
        }
    }

    @Nested
    class WorkingHours {

        @Test
        @DisplayName("R-SLA-1 two office hours from 11:00 skip the lunch break and end at 14:30")
        void acrossLunch() {
            assertThat(CALENDAR.plusWorkingHours(at("2026-03-02T11:00"), Duration.ofHours(2)).value()).isEqualTo("2026-03-02T14:30");
            assertThat(CALENDAR.workingHoursBetween(at("2026-03-02T11:00"), at("2026-03-02T14:30")).value()).isEqualTo(Duration.ofHours(2));
            assertThat(CALENDAR.workingHoursBetween(at("2026-03-02T12:10"), at("2026-03-02T13:20")).value()).isZero();
        }

        @Test
        @DisplayName("R-SLA-1 a limit used up at the end of a period ends then, not at the start of the next")
        void endsAtPeriodEnd() {
            assertThat(CALENDAR.plusWorkingHours(at("2026-03-02T10:00"), Duration.ofHours(2)).value()).isEqualTo("2026-03-02T12:00");
            assertThat(CALENDAR.plusWorkingHours(at("2026-03-02T12:30"), Duration.ZERO).value()).isEqualTo("2026-03-02T13:30");
            assertThat(CALENDAR.plusWorkingHours(at("2026-03-02T07:00"), Duration.ofHours(1)).value()).isEqualTo("2026-03-02T09:30");
        }

        @Test
        @DisplayName("R-SLA-1 hours run on overnight to the next morning and over a weekend to Monday")
        void overnightAndWeekend() {
            assertThat(CALENDAR.plusWorkingHours(at("2026-03-02T16:30"), Duration.ofHours(2)).value()).isEqualTo("2026-03-03T09:30");
            assertThat(CALENDAR.plusWorkingHours(at("2026-03-06T17:00"), Duration.ofHours(1)).value()).isEqualTo("2026-03-09T09:00");
            assertThat(CALENDAR.plusWorkingHours(at("2026-03-07T10:00"), Duration.ofMinutes(30)).value()).isEqualTo("2026-03-09T09:00");
            assertThat(CALENDAR.workingHoursBetween(at("2026-03-06T17:00"), at("2026-03-09T09:00")).value()).isEqualTo(Duration.ofHours(1));
        }

        @Test
        @DisplayName("R-SLA-2 hours count on the adjusted Saturday 2026-02-14 and skip the Spring Festival")
        void holidaysAndAdjustedWorkingDays() {
            assertThat(CALENDAR.plusWorkingHours(at("2026-02-13T16:30"), Duration.ofHours(2)).value()).isEqualTo("2026-02-14T09:30");
            assertThat(CALENDAR.plusWorkingHours(at("2026-02-14T17:00"), Duration.ofHours(1)).value()).isEqualTo("2026-02-24T09:00");
            assertThat(CALENDAR.workingHoursBetween(at("2026-02-13T16:30"), at("2026-02-24T09:00")).value())
                    .isEqualTo(Duration.ofHours(9));
        }

        @Test
        @DisplayName("R-SLA-2 counting office time agrees with adding it, in quarter hours over three weeks")
        void betweenIsTheInverseOfPlus() {
            LocalDateTime start = at("2026-02-12T09:10");
            for (long minutes = 0; minutes <= 15 * 7 * 60; minutes += 15) {
                LocalDateTime end = CALENDAR.plusWorkingHours(start, Duration.ofMinutes(minutes)).value();
                assertThat(CALENDAR.workingHoursBetween(start, end).value()).as("%d minutes", minutes)
                        .isEqualTo(Duration.ofMinutes(minutes));
            }
        }

        @Test
        @DisplayName("R-SLA-2 hours running into unloaded 2027 are flagged")
        void hoursIntoUnloadedYearAreFlagged() {
            CalendarResult<LocalDateTime> end = CALENDAR.plusWorkingHours(at("2026-12-31T17:00"), Duration.ofHours(2));
            assertThat(end.value()).isEqualTo("2027-01-01T10:00");
            assertThat(end.unloadedYears()).containsExactly(2027);
            assertThat(CALENDAR.plusWorkingHours(at("2026-12-31T09:00"), Duration.ofHours(2)).weekendsOnly()).isFalse();
        }

        @Test
        void refusesNegativeHours() {
            assertThatIllegalArgumentException().isThrownBy(() -> CALENDAR.plusWorkingHours(at("2026-03-02T10:00"), Duration.ofHours(-1)));
        }
    }
}
