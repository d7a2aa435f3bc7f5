package org.yekuo.calendar.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.regex.Pattern;

import org.hamcrest.Matcher;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.yekuo.calendar.CalendarFixtures;
import org.yekuo.calendar.WorkingCalendar;

@SpringBootTest
@AutoConfigureMockMvc
class CalendarPageTests {

    private static final RequestPostProcessor ADMIN = httpBasic("admin", "Yekuo@2026");
    private static final RequestPostProcessor CLERK = httpBasic("clerk", "Yekuo@2026");

    @Autowired
    MockMvc mvc;

    @Autowired
    WorkingCalendar calendar;

    /** A month-grid cell of the kind's colour class for the date, with the day's name as its title. */
    private static Matcher<String> cell(String kindClass, String date, String title) {
        String attributes = title == null ? "\\s+" : "\\s+title=\"" + Pattern.quote(title) + "\"\\s+";
        return matchesPattern(Pattern.compile(".*<td class=\"" + kindClass + "\"" + attributes + "data-date=\"" + date + "\">.*",
                Pattern.DOTALL));
    }

    @Test
    @DisplayName("R-SLA-2 staff see a year's months with holidays and adjusted working days told apart, without edit controls")
    void staffSeeTheYear() throws Exception {
        mvc.perform(get("/calendar").param("year", "2026").param("lang", "en").with(CLERK))
                .andExpect(status().isOk())
                .andExpect(content().string(cell("k-HOLIDAY", "2026-02-15", "Spring Festival")))
                .andExpect(content().string(cell("k-ADJUSTED_WORKDAY", "2026-02-14", "Spring Festival make-up working day")))
                .andExpect(content().string(cell("k-WEEKEND", "2026-02-08", null)))
                .andExpect(content().string(cell("k-WORKDAY", "2026-02-13", null)))
                .andExpect(content().string(containsString("calendar.css")))
                .andExpect(content().string(containsString("39 in total")))
                .andExpect(content().string(not(containsString("data-testid=\"upload-form\""))))
                .andExpect(content().string(not(containsString("data-testid=\"unloaded-banner\""))));
    }

    @Test
    @DisplayName("R-SLA-2 a year without a calendar carries a banner that it is computed on weekends only")
    void unloadedYearHasABanner() throws Exception {
        int year = CalendarFixtures.unloadedYear(calendar);
        mvc.perform(get("/calendar").param("year", String.valueOf(year)).param("lang", "en").with(CLERK))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("data-testid=\"unloaded-banner\"")))
                .andExpect(content().string(containsString("No calendar is loaded for " + year + ": its dates are computed on weekends only")));
    }

    @Test
    @DisplayName("R-SLA-2 an administrator's bad file is shown back line by line and nothing is saved")
    void administratorSeesPerLineErrors() throws Exception {
        int year = CalendarFixtures.unloadedYear(calendar);
        String file = CalendarFixtures.yearFile(year) + year + "-01-01,HOLIDAY,yuandan,Twice\n" + year + "-01-05,SICK_DAY,x,y\n";
        mvc.perform(get("/calendar").param("year", String.valueOf(year)).with(ADMIN))
                .andExpect(content().string(containsString("data-testid=\"upload-form\"")));
        mvc.perform(multipart("/calendar/years/{year}/file", year)
                        .file(new MockMultipartFile("file", "y.csv", "text/csv", file.getBytes(StandardCharsets.UTF_8)))
                        .param("source", "Notice").param("lang", "en").with(ADMIN).with(csrf()))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().string(containsString("Line 4, date: the date " + year + "-01-01 is given twice")))
                .andExpect(content().string(containsString("Line 5, kind: the kind &quot;SICK_DAY&quot; is unknown")));
        assertThat(calendar.isLoaded(year)).isFalse();
    }

    @Test
    @DisplayName("R-SLA-2 an administrator loads a year and adds, changes and removes a day through the page")
    void administratorEditsThroughThePage() throws Exception {
        int year = CalendarFixtures.unloadedYear(calendar);
        mvc.perform(multipart("/calendar/years/{year}/file", year)
                        .file(new MockMultipartFile("file", "y.csv", "text/csv", CalendarFixtures.yearFile(year).getBytes(StandardCharsets.UTF_8)))
                        .param("source", "Notice " + year).with(ADMIN).with(csrf()))
                .andExpect(redirectedUrl("/calendar?year=" + year));
        LocalDate weekday = CalendarFixtures.firstSaturdayAfterNewYear(year).plusDays(2);
        mvc.perform(post("/calendar/special-days").param("date", weekday.toString()).param("kind", "ADJUSTED_WORKDAY")
                        .param("nameZh", "x").param("nameEn", "y").param("lang", "en").with(ADMIN).with(csrf()))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().string(containsString("must be a Saturday or Sunday")));
        mvc.perform(post("/calendar/special-days").param("date", weekday.toString()).param("kind", "HOLIDAY")
                        .param("nameZh", "x").param("nameEn", "Extra day").with(ADMIN).with(csrf()))
                .andExpect(redirectedUrl("/calendar?year=" + year));
        assertThat(calendar.isWorkingDay(weekday)).isFalse();
        mvc.perform(get("/calendar").param("year", String.valueOf(year)).param("edit", weekday.toString()).with(ADMIN))
                .andExpect(content().string(containsString("value=\"Extra day\"")));
        mvc.perform(post("/calendar/special-days/{date}", weekday).param("kind", "HOLIDAY").param("nameZh", "x")
                        .param("nameEn", "Renamed").with(ADMIN).with(csrf()))
                .andExpect(redirectedUrl("/calendar?year=" + year));
        assertThat(calendar.day(weekday).nameEn()).isEqualTo("Renamed");
        mvc.perform(post("/calendar/special-days/{date}/delete", weekday).with(ADMIN).with(csrf()))
                .andExpect(redirectedUrl("/calendar?year=" + year));
        assertThat(calendar.isWorkingDay(weekday)).isTrue();
    }

    @Test
    @DisplayName("R-SLA-2 staff other than administrators cannot change the calendar through the page either")
    void staffCannotPostChanges() throws Exception {
        mvc.perform(post("/calendar/special-days/2026-02-15/delete").with(CLERK).with(csrf()))
                .andExpect(status().isForbidden());
        assertThat(calendar.isWorkingDay(LocalDate.parse("2026-02-15"))).isFalse();
    }
}
