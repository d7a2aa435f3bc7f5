package org.yekuo.calendar.internal;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.yekuo.calendar.DayKind;
import org.yekuo.calendar.SpecialDay;

/**
 * The loaded years and their special days, and the revision counter that tells every application
 * node when the calendar has changed.
 */
@Repository
public class CalendarYears {

    private final JdbcClient jdbc;

    CalendarYears(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long revision() {
        return jdbc.sql("select revision from calendar_revision where id = 1").query(Long.class).single();
    }

    /** Also takes the revision row's lock, so that calendar changes happen one after the other. */
    void bumpRevision() {
        jdbc.sql("update calendar_revision set revision = revision + 1 where id = 1").update();
    }

    List<YearSource> years() {
        return jdbc.sql("select year_no, source, loaded_by, loaded_at from calendar_year order by year_no")
                .query((rs, n) -> new YearSource(rs.getInt("year_no"), rs.getString("source"), rs.getString("loaded_by"),
                        rs.getTimestamp("loaded_at").toInstant()))
                .list();
    }

    List<SpecialDay> specialDays() {
        return jdbc.sql("select the_date, kind, name_zh, name_en from calendar_special_day order by the_date")
                .query(DAY).list();
    }

    boolean isLoaded(int year) {
        return jdbc.sql("select count(*) from calendar_year where year_no = ?").param(year).query(Long.class).single() > 0;
    }

    Optional<SpecialDay> find(LocalDate date) {
        return jdbc.sql("select the_date, kind, name_zh, name_en from calendar_special_day where the_date = ?")
                .param(Date.valueOf(date)).query(DAY).optional();
    }

    /** Replaces the year's source and all its special days. */
    void replaceYear(int year, String source, String loadedBy, Instant loadedAt, List<SpecialDay> days) {
        jdbc.sql("delete from calendar_special_day where year_no = ?").param(year).update();
        int updated = jdbc.sql("update calendar_year set source = ?, loaded_by = ?, loaded_at = ? where year_no = ?")
                .params(source, loadedBy, Timestamp.from(loadedAt), year).update();
        if (updated == 0) {
            jdbc.sql("insert into calendar_year (year_no, source, loaded_by, loaded_at) values (?, ?, ?, ?)")
                    .params(year, source, loadedBy, Timestamp.from(loadedAt)).update();
        }
        days.forEach(this::insert);
    }

    void insert(SpecialDay day) {
        jdbc.sql("insert into calendar_special_day (the_date, year_no, kind, name_zh, name_en) values (?, ?, ?, ?, ?)")
                .params(Date.valueOf(day.date()), day.year(), day.kind().name(), day.nameZh(), day.nameEn()).update();
    }

    void update(SpecialDay day) {
        jdbc.sql("update calendar_special_day set kind = ?, name_zh = ?, name_en = ? where the_date = ?")
                .params(day.kind().name(), day.nameZh(), day.nameEn(), Date.valueOf(day.date())).update();
    }

    void delete(LocalDate date) {
        jdbc.sql("delete from calendar_special_day where the_date = ?").param(Date.valueOf(date)).update();
    }

    /** A loaded year's record without its day counts. */
    record YearSource(int year, String source, String loadedBy, Instant loadedAt) {
    }

    private static final RowMapper<SpecialDay> DAY = (rs, n) -> new SpecialDay(rs.getDate("the_date").toLocalDate(),
            DayKind.valueOf(rs.getString("kind")), rs.getString("name_zh"), rs.getString("name_en"));
}
