package org.yekuo.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.yekuo.support.ModuleTest;

/**
 * The calendar started with only the modules it declares (audit, identity, shared): working-day arithmetic
 * over the statutory holidays needs nothing of the order process.
 */
@ModuleTest
class CalendarModuleTests {

    @Autowired
    WorkingCalendar calendar;

    @Autowired
    ApplicationContext context;

    @Test
    @DisplayName("the calendar module starts with its declared dependencies only")
    void startsWithItsDependenciesOnly() {
        List<String> allowed = List.of("org.yekuo.calendar", "org.yekuo.audit", "org.yekuo.identity", "org.yekuo.shared",
                // The tests' own support beans are in every test context.
                "org.yekuo.support");
        assertThat(Arrays.stream(context.getBeanDefinitionNames()).map(context::getType))
                .filteredOn(type -> type != null && type.getPackageName().startsWith("org.yekuo."))
                .extracting(Class::getPackageName)
                .allMatch(name -> allowed.stream().anyMatch(name::startsWith), "a package of a declared dependency")
                .anyMatch(name -> name.startsWith("org.yekuo.calendar"));
    }

    @Test
    @DisplayName("R-SLA-2 a working day after the eve of National Day 2026 falls after the seven days off")
    void nationalDayIsSkipped() {
        assertThat(calendar.isLoaded(2026)).isTrue();
        assertThat(calendar.plusWorkingDays(LocalDate.of(2026, 9, 30), 1).value()).isEqualTo(LocalDate.of(2026, 10, 8));
    }

    @Test
    @DisplayName("R-SLA-2 an adjusted working Saturday (调休) counts as a working day")
    void adjustedSaturdayCounts() {
        assertThat(calendar.isWorkingDay(LocalDate.of(2026, 10, 10))).isTrue();
        assertThat(calendar.plusWorkingDays(LocalDate.of(2026, 10, 9), 1).value()).isEqualTo(LocalDate.of(2026, 10, 10));
    }
}
