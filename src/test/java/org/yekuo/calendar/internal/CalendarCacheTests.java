package org.yekuo.calendar.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.yekuo.calendar.CalendarFixtures;
import org.yekuo.calendar.WorkingCalendar;

/**
 * Two application nodes on one database: each keeps its own copy of the calendar. (MockMvc is not
 * used, but the same context configuration as the HTTP tests lets them share one context.)
 */
@SpringBootTest
@AutoConfigureMockMvc
class CalendarCacheTests {

    @Autowired
    CalendarYears years;

    @Autowired
    CalendarAdministration administration;

    @Autowired
    WorkingCalendar calendar;

    @Autowired
    UserDetailsService staff;

    @Test
    @DisplayName("R-SLA-2 a change on one node reaches the other node at its next revision check, without reloading in between")
    void otherNodeSeesAChangeAfterItsRevisionCheck() {
        MovableClock clock = new MovableClock();
        CalendarCache otherNode = new CalendarCache(years, clock);
        int year = CalendarFixtures.unloadedYear(calendar);
        CalendarCache.Snapshot before = otherNode.current();
        assertThat(before.years()).doesNotContainKey(year);

        var admin = staff.loadUserByUsername("admin");
        SecurityContextHolder.getContext().setAuthentication(
                UsernamePasswordAuthenticationToken.authenticated(admin, null, admin.getAuthorities()));
        try {
            administration.replaceYear(year, "Notice " + year,
                    List.of(new DayLine(1, year + "-01-01", "HOLIDAY", "yuandan", "New Year's Day")));
        } finally {
            SecurityContextHolder.clearContext();
        }
        assertThat(calendar.isLoaded(year)).as("this node sees its own change at once").isTrue();

        clock.advanceSeconds(CalendarCache.REVISION_CHECK_INTERVAL.toSeconds() - 1);
        assertThat(otherNode.current()).as("the other node within its check interval").isSameAs(before);
        clock.advanceSeconds(2);
        assertThat(otherNode.current().years()).containsKey(year);

        CalendarCache.Snapshot reloaded = otherNode.current();
        clock.advanceSeconds(CalendarCache.REVISION_CHECK_INTERVAL.toSeconds() + 1);
        assertThat(otherNode.current().days()).as("an unchanged revision keeps the loaded days").isSameAs(reloaded.days());
    }

    private static final class MovableClock extends Clock {

        private Instant now = Instant.parse("2026-03-02T02:00:00Z");

        void advanceSeconds(long seconds) {
            now = now.plusSeconds(seconds);
        }

        @Override
        public ZoneId getZone() {
            return ZoneId.of("Asia/Shanghai");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
