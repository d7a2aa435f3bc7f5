package org.yekuo.calendar.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.DefaultMessageSourceResolvable;
import org.yekuo.calendar.DayKind;
import org.yekuo.calendar.SpecialDay;
import org.yekuo.shared.DomainException.FieldProblem;

class SpecialDayPolicyTests {

    private static SpecialDayPolicy.Checked checkFile(int year, String csv) {
        YearFile.Read read = YearFile.read(csv.getBytes(StandardCharsets.UTF_8));
        return SpecialDayPolicy.checkYear(year, RowFormat.CSV_FILE, read.lines(), read.problems());
    }

    private static String detailKey(FieldProblem problem) {
        return problem.messageKey().equals("calendar.line.problem")
                ? ((DefaultMessageSourceResolvable) problem.arguments()[2]).getCode()
                : problem.messageKey();
    }

    @Test
    @DisplayName("R-SLA-2 a good year file gives its days, names in both languages, quotes and a byte-order mark allowed")
    void acceptsAGoodFile() {
        SpecialDayPolicy.Checked checked = checkFile(2027, """
                \uFEFFdate,kind,name_zh,name_en
                2027-01-01,HOLIDAY,yuandan,New Year's Day
                2027-01-03,adjusted_workday,tiaoxiu,"Make-up day, New Year"

                """);
        assertThat(checked.accepted()).isTrue();
        assertThat(checked.days()).containsExactly(
                new SpecialDay(java.time.LocalDate.parse("2027-01-01"), DayKind.HOLIDAY, "yuandan", "New Year's Day"),
                new SpecialDay(java.time.LocalDate.parse("2027-01-03"), DayKind.ADJUSTED_WORKDAY, "tiaoxiu", "Make-up day, New Year"));
    }

    @Test
    @DisplayName("R-SLA-2 a bad file is refused as a whole with one problem per bad line and field")
    void reportsEveryBadLine() {
        SpecialDayPolicy.Checked checked = checkFile(2027, """
                date,kind,name_zh,name_en
                2027-01-01,HOLIDAY,yuandan,New Year
                2027-02-30,HOLIDAY,chunjie,Spring Festival
                2027-01-01,HOLIDAY,yuandan,New Year again
                2028-01-01,HOLIDAY,yuandan,New Year
                2027-02-05,DAY_OFF,chunjie,Spring Festival
                2027-02-03,ADJUSTED_WORKDAY,tiaoxiu,Make-up day
                2027-02-06,HOLIDAY,,Spring Festival
                2027-02-07,HOLIDAY,chunjie
                """);
        assertThat(checked.accepted()).isFalse();
        assertThat(checked.days()).isEmpty();
        assertThat(checked.problems()).extracting(FieldProblem::field, SpecialDayPolicyTests::detailKey).containsExactly(
                org.assertj.core.groups.Tuple.tuple("line[9]", "calendar.file.columns"),
                org.assertj.core.groups.Tuple.tuple("line[3].date", "calendar.day.date-malformed"),
                org.assertj.core.groups.Tuple.tuple("line[4].date", "calendar.day.date-duplicate"),
                org.assertj.core.groups.Tuple.tuple("line[5].date", "calendar.day.date-outside-year"),
                org.assertj.core.groups.Tuple.tuple("line[6].kind", "calendar.day.kind-unknown"),
                org.assertj.core.groups.Tuple.tuple("line[7].kind", "calendar.day.adjusted-not-weekend"),
                org.assertj.core.groups.Tuple.tuple("line[8].name_zh", "calendar.day.name-missing"));
    }

    @Test
    @DisplayName("R-SLA-2 a year without any holiday is refused: every State Council notice has days off")
    void refusesAYearWithoutHolidays() {
        assertThat(checkFile(2027, "date,kind,name_zh,name_en\n2027-01-03,ADJUSTED_WORKDAY,tiaoxiu,Make-up day\n").problems())
                .extracting(FieldProblem::field, FieldProblem::messageKey)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("file", "calendar.year.no-holiday"));
    }

    @Test
    void refusesAWrongHeaderAndAFileNotInUtf8() {
        assertThat(checkFile(2027, "day;type\n2027-01-01;HOLIDAY\n").problems()).extracting(FieldProblem::messageKey)
                .containsExactly("calendar.file.header");
        byte[] gbk = "date,kind,name_zh,name_en\n2027-01-01,HOLIDAY,\u5143\u65e6,New Year\n".getBytes(Charset.forName("GBK"));
        assertThat(YearFile.read(gbk).problems()).extracting(FieldProblem::messageKey).containsExactly("calendar.file.not-utf8");
    }

    @Test
    void namesJsonEntriesByTheirPositionAndSingleDaysByTheirField() {
        List<DayLine> days = List.of(new DayLine(1, "2027-01-01", "HOLIDAY", "yuandan", "New Year"),
                new DayLine(2, "2027-01-05", "ADJUSTED_WORKDAY", "tiaoxiu", ""));
        assertThat(SpecialDayPolicy.checkYear(2027, RowFormat.JSON_YEAR, days, List.of()).problems())
                .extracting(FieldProblem::field).containsExactly("days[1].kind", "days[1].nameEn");
        assertThat(SpecialDayPolicy.checkDay(new DayLine(1, "2027-1-5", "HOLIDAY", "x", "y")).problems())
                .extracting(FieldProblem::field, FieldProblem::messageKey)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("date", "calendar.day.date-malformed"));
    }
}
