package org.yekuo.calendar.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.yekuo.audit.AuditEntry;
import org.yekuo.audit.AuditTrail;
import org.yekuo.calendar.CalendarFixtures;
import org.yekuo.calendar.WorkingCalendar;

@SpringBootTest
@AutoConfigureMockMvc
class CalendarApiTests {

    private static final String PASSWORD = "Yekuo@2026";
    private static final RequestPostProcessor ADMIN = httpBasic("admin", PASSWORD);
    private static final RequestPostProcessor CLERK = httpBasic("clerk", PASSWORD);

    @Autowired
    MockMvc mvc;

    @Autowired
    WorkingCalendar calendar;

    @Autowired
    AuditTrail audit;

    private static MockMultipartFile csv(String text) {
        return new MockMultipartFile("file", "calendar.csv", "text/csv", text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    @DisplayName("R-SLA-2 2025 and 2026 ship with the product, each with its State Council notice")
    void shippedYears() throws Exception {
        mvc.perform(get("/api/calendar/years").with(CLERK))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[?(@.year == 2026)].holidays").value(33))
                .andExpect(jsonPath("$[?(@.year == 2026)].adjustedWorkdays").value(6))
                .andExpect(jsonPath("$[?(@.year == 2026)].source").value(hasItem(containsString("\u30142025\u30157"))))
                .andExpect(jsonPath("$[?(@.year == 2025)].holidays").value(28))
                .andExpect(jsonPath("$[?(@.year == 2025)].adjustedWorkdays").value(5));
        mvc.perform(get("/api/calendar/years/2026").with(CLERK))
                .andExpect(jsonPath("$.days.length()").value(39))
                .andExpect(jsonPath("$.days[?(@.date == '2026-02-14')].kind").value("ADJUSTED_WORKDAY"))
                .andExpect(jsonPath("$.days[?(@.date == '2026-02-15')].nameEn").value("Spring Festival"));
    }

    @Test
    @DisplayName("R-SLA-2 any member of staff asks about days and deadlines over the shipped calendar")
    void staffAskAboutWorkingDays() throws Exception {
        mvc.perform(get("/api/calendar/days/2026-02-14").with(CLERK))
                .andExpect(jsonPath("$.working").value(true))
                .andExpect(jsonPath("$.kind").value("ADJUSTED_WORKDAY"))
                .andExpect(jsonPath("$.yearLoaded").value(true));
        mvc.perform(get("/api/calendar/working-days/plus").param("start", "2026-02-13").param("n", "2").with(CLERK))
                .andExpect(jsonPath("$.date").value("2026-02-24"))
                .andExpect(jsonPath("$.weekendsOnly").value(false));
        mvc.perform(get("/api/calendar/working-days/between").param("from", "2025-09-26").param("to", "2025-10-13").with(CLERK))
                .andExpect(jsonPath("$.workingDays").value(7));
        mvc.perform(get("/api/calendar/working-hours/plus").param("start", "2026-02-13T16:30").param("hours", "2").with(CLERK))
                .andExpect(jsonPath("$.end").value(containsString("2026-02-14T09:30")));
        mvc.perform(get("/api/calendar/working-hours/between").param("from", "2026-03-02T11:00").param("to", "2026-03-02T14:30").with(CLERK))
                .andExpect(jsonPath("$.minutes").value(120))
                .andExpect(jsonPath("$.duration").value("PT2H"));
    }

    @Test
    @DisplayName("R-SLA-8 a deadline running into a year without a calendar is flagged in the answer")
    void unloadedYearIsFlagged() throws Exception {
        int year = CalendarFixtures.unloadedYear(calendar);
        mvc.perform(get("/api/calendar/working-days/plus").param("start", (year - 1) + "-12-20").param("n", "30").with(CLERK))
                .andExpect(jsonPath("$.unloadedYears").value(hasItem(year)))
                .andExpect(jsonPath("$.weekendsOnly").value(true));
        mvc.perform(get("/api/calendar/days/" + year + "-01-01").with(CLERK))
                .andExpect(jsonPath("$.yearLoaded").value(false));
        mvc.perform(get("/api/calendar/years/" + year).with(CLERK)).andExpect(status().isNotFound());
    }

    @Test
    @DisplayName("R-X-5 bad parameters get a problem document naming the parameter, in English on request")
    void badParametersAreNamed() throws Exception {
        mvc.perform(get("/api/calendar/working-days/plus").param("start", "2026-02-30").param("n", "1").with(CLERK))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("start"));
        mvc.perform(get("/api/calendar/working-days/plus").param("start", "2026-02-13").param("n", "9999").with(CLERK)
                        .header("Accept-Language", "en"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("n"))
                .andExpect(jsonPath("$.errors[0].message").value(containsString("-2500 to 2500 is allowed")));
        mvc.perform(get("/api/calendar/working-days/between").param("from", "2026-03-02").param("to", "2026-03-01").with(CLERK))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("to"));
        mvc.perform(get("/api/calendar/working-hours/plus").param("start", "2026-03-02T10:00").param("hours", "-1").with(CLERK))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("hours"));
        mvc.perform(get("/api/calendar/working-hours/between").param("from", "2026-03-02T10:00").param("to", "2026-03-02T09:00").with(CLERK))
                .andExpect(jsonPath("$.errors[0].field").value("to"));
    }

    @Test
    @DisplayName("R-SLA-2 a file with a date twice is refused with the line named, and nothing is saved or audited")
    void fileWithDuplicateDateSavesNothing() throws Exception {
        int year = CalendarFixtures.unloadedYear(calendar);
        String file = CalendarFixtures.yearFile(year) + year + "-01-01,HOLIDAY,yuandan,New Year again\n" + year
                + "-02-30,HOLIDAY,chunjie,Spring Festival\n";
        mvc.perform(multipart("/api/calendar/years/{year}/file", year).file(csv(file)).param("source", "Notice " + year)
                        .with(ADMIN).header("Accept-Language", "en"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors.length()").value(2))
                .andExpect(jsonPath("$.errors[0].field").value("line[4].date"))
                .andExpect(jsonPath("$.errors[0].message").value(containsString("Line 4, date: the date " + year + "-01-01 is given twice, Line 2 has it")))
                .andExpect(jsonPath("$.errors[1].field").value("line[5].date"))
                .andExpect(jsonPath("$.errors[1].message").value(containsString("yyyy-MM-dd")));
        assertThat(calendar.isLoaded(year)).isFalse();
        mvc.perform(get("/api/calendar/years/" + year).with(ADMIN)).andExpect(status().isNotFound());
        assertThat(audit.forSubject("calendar-year", String.valueOf(year))).isEmpty();
    }

    @Test
    @DisplayName("R-SLA-2 only administrators change the calendar; others get a 403 problem and nothing changes")
    void nonAdministratorsCannotWrite() throws Exception {
        int year = CalendarFixtures.unloadedYear(calendar);
        mvc.perform(multipart("/api/calendar/years/{year}/file", year).file(csv(CalendarFixtures.yearFile(year)))
                        .param("source", "Notice").with(CLERK))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.code").value("security.forbidden"));
        mvc.perform(put("/api/calendar/years/{year}", year).with(CLERK).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"source\":\"x\",\"days\":[{\"date\":\"" + year + "-01-01\",\"kind\":\"HOLIDAY\",\"nameZh\":\"a\",\"nameEn\":\"b\"}]}"))
                .andExpect(status().isForbidden());
        mvc.perform(delete("/api/calendar/special-days/2026-02-15").with(CLERK)).andExpect(status().isForbidden());
        assertThat(calendar.isLoaded(year)).isFalse();
        assertThat(calendar.isWorkingDay(LocalDate.parse("2026-02-15"))).isFalse();
    }

    @Test
    @DisplayName("R-SLA-2 an administrator loads a new year from a file, edits its days and replaces it; each change is audited and computed with at once")
    void administratorLoadsAndEditsAYear() throws Exception {
        int year = CalendarFixtures.unloadedYear(calendar);
        LocalDate saturday = CalendarFixtures.firstSaturdayAfterNewYear(year);
        String subject = String.valueOf(year);

        mvc.perform(multipart("/api/calendar/years/{year}/file", year).file(csv(CalendarFixtures.yearFile(year)))
                        .param("source", "State Council notice for " + year).with(ADMIN))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.holidays").value(1))
                .andExpect(jsonPath("$.adjustedWorkdays").value(1))
                .andExpect(jsonPath("$.loadedBy").value("admin"));
        assertThat(calendar.isWorkingDay(saturday)).isTrue();
        assertThat(calendar.plusWorkingDays(LocalDate.of(year, 1, 1), 0).unloadedYears()).isEmpty();

        LocalDate weekday = saturday.plusDays(3);
        String day = "{\"date\":\"" + weekday + "\",\"kind\":\"HOLIDAY\",\"nameZh\":\"jia\",\"nameEn\":\"Extra day off\"}";
        mvc.perform(post("/api/calendar/special-days").with(ADMIN).contentType(MediaType.APPLICATION_JSON).content(day))
                .andExpect(status().isCreated());
        assertThat(calendar.isWorkingDay(weekday)).isFalse();
        mvc.perform(post("/api/calendar/special-days").with(ADMIN).contentType(MediaType.APPLICATION_JSON).content(day))
                .andExpect(status().isConflict());
        mvc.perform(put("/api/calendar/special-days/{date}", weekday).with(ADMIN).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"kind\":\"ADJUSTED_WORKDAY\",\"nameZh\":\"x\",\"nameEn\":\"y\"}"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("kind"));
        mvc.perform(put("/api/calendar/special-days/{date}", weekday).with(ADMIN).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"kind\":\"HOLIDAY\",\"nameZh\":\"jia\",\"nameEn\":\"Renamed day off\"}"))
                .andExpect(jsonPath("$.nameEn").value("Renamed day off"));
        mvc.perform(delete("/api/calendar/special-days/{date}", weekday).with(ADMIN)).andExpect(status().isNoContent());
        assertThat(calendar.isWorkingDay(weekday)).isTrue();
        mvc.perform(delete("/api/calendar/special-days/{date}", weekday).with(ADMIN)).andExpect(status().isNotFound());

        mvc.perform(put("/api/calendar/years/{year}", year).with(ADMIN).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"source\":\"Revised notice\",\"days\":[{\"date\":\"" + year
                                + "-01-02\",\"kind\":\"HOLIDAY\",\"nameZh\":\"yuandan\",\"nameEn\":\"New Year\"}]}"))
                .andExpect(jsonPath("$.source").value("Revised notice"))
                .andExpect(jsonPath("$.days.length()").value(1));
        assertThat(calendar.isWorkingDay(saturday)).isFalse();

        assertThat(audit.forSubject("calendar-year", subject)).extracting(AuditEntry::action).containsExactly(
                "calendar.year-loaded", "calendar.day-added", "calendar.day-changed", "calendar.day-removed",
                "calendar.year-replaced");
        assertThat(audit.forSubject("calendar-year", subject)).allSatisfy(entry -> assertThat(entry.actor()).isEqualTo("admin"));
    }

    @Test
    @DisplayName("R-SLA-2 a single day cannot be added to a year that is not loaded: the whole notice comes first")
    void singleDayNeedsALoadedYear() throws Exception {
        int year = CalendarFixtures.unloadedYear(calendar);
        mvc.perform(post("/api/calendar/special-days").with(ADMIN).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"date\":\"" + year + "-01-01\",\"kind\":\"HOLIDAY\",\"nameZh\":\"a\",\"nameEn\":\"b\"}"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("date"));
        assertThat(calendar.isLoaded(year)).isFalse();
    }

    @Test
    @DisplayName("R-SLA-2 a JSON year names each bad entry by its position")
    void jsonYearNamesBadEntries() throws Exception {
        int year = CalendarFixtures.unloadedYear(calendar);
        mvc.perform(put("/api/calendar/years/{year}", year).with(ADMIN).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"source\":\"\",\"days\":[{\"date\":\"" + year + "-01-01\",\"kind\":\"HOLIDAY\",\"nameZh\":\"a\",\"nameEn\":\"b\"},"
                                + "{\"date\":\"01/02/" + year + "\",\"kind\":\"HOLIDAY\",\"nameZh\":\"a\",\"nameEn\":\"b\"}]}"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("source"))
                .andExpect(jsonPath("$.errors[1].field").value("days[1].date"))
                .andExpect(jsonPath("$.errors[1].message").value(containsString("\u7b2c 2 \u9879")));
        assertThat(calendar.isLoaded(year)).isFalse();
    }
}
