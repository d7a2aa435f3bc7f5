package org.yekuo.manual.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;
import org.yekuo.manual.ChangeEntry;
import org.yekuo.manual.ChangeKind;
import org.yekuo.manual.Edition;
import org.yekuo.manual.Feedback;
import org.yekuo.manual.ManualNote;
import org.yekuo.manual.NoteKind;
import org.yekuo.manual.TypicalCase;

/** The manual's tables: editions with their chapters and change logs, notes, feedback, typical cases, readings. */
@Repository
public class ManualRecords {

    private final JdbcClient jdbc;

    ManualRecords(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A chapter's row of an edition: the versions it describes. */
    public record ChapterRow(int edition, String typeCode, int typeVersion, String guidelineCode, Integer guidelineVersion,
            boolean materialChange) {
    }

    public Optional<Integer> latestEdition() {
        return jdbc.sql("select max(edition_no) from manual_edition").query(Integer.class).optional();
    }

    public List<Edition> editions() {
        return jdbc.sql("select edition_no, published_at, published_by, summary from manual_edition order by edition_no desc")
                .query((rs, n) -> new Edition(rs.getInt(1), instant(rs, 2), rs.getString(3), rs.getString(4))).list();
    }

    public Optional<Edition> edition(int number) {
        return jdbc.sql("select edition_no, published_at, published_by, summary from manual_edition where edition_no = ?")
                .param(number).query((rs, n) -> new Edition(rs.getInt(1), instant(rs, 2), rs.getString(3), rs.getString(4)))
                .optional();
    }

    public void insertEdition(Edition edition) {
        jdbc.sql("insert into manual_edition (edition_no, published_at, published_by, summary) values (?, ?, ?, ?)")
                .params(edition.number(), Timestamp.from(edition.publishedAt()), edition.publishedBy(), edition.summary()).update();
    }

    public List<ChapterRow> chapters(int edition) {
        return jdbc.sql("""
                select edition_no, type_code, type_version, guideline_code, guideline_version, material_change
                from manual_chapter where edition_no = ?""").param(edition)
                .query((rs, n) -> new ChapterRow(rs.getInt(1), rs.getString(2), rs.getInt(3), rs.getString(4),
                        (Integer) rs.getObject(5, Integer.class), rs.getBoolean(6))).list();
    }

    public void insertChapter(ChapterRow row) {
        jdbc.sql("""
                insert into manual_chapter (edition_no, type_code, type_version, guideline_code, guideline_version, material_change)
                values (?, ?, ?, ?, ?, ?)""")
                .params(row.edition(), row.typeCode(), row.typeVersion(), row.guidelineCode(), row.guidelineVersion(),
                        row.materialChange()).update();
    }

    /** The last edition in which the type's chapter changed materially, if any did. */
    public Optional<Edition> lastMaterialChange(String typeCode) {
        return jdbc.sql("""
                select e.edition_no, e.published_at, e.published_by, e.summary from manual_edition e
                join manual_chapter c on c.edition_no = e.edition_no
                where c.type_code = ? and c.material_change order by e.edition_no desc limit 1""").param(typeCode)
                .query((rs, n) -> new Edition(rs.getInt(1), instant(rs, 2), rs.getString(3), rs.getString(4))).optional();
    }

    // Notes

    private static final String NOTE_COLUMNS = "id, type_code, node_code, kind, title, body, added_in, retired_in, written_by, written_at";

    /** The notes of a chapter that show in the edition, or that will in the draft {@code edition}. */
    public List<ManualNote> notes(String typeCode, int edition) {
        return jdbc.sql("select " + NOTE_COLUMNS + " from manual_note where type_code = ? and added_in <= ?"
                        + " and (retired_in is null or retired_in > ?) order by id")
                .params(typeCode, edition, edition).query(ManualRecords::note).list();
    }

    public List<ManualNote> allNotes(int edition) {
        return jdbc.sql("select " + NOTE_COLUMNS + " from manual_note where added_in <= ? and (retired_in is null or retired_in > ?)"
                        + " order by type_code, id")
                .params(edition, edition).query(ManualRecords::note).list();
    }

    public List<ManualNote> notesAddedIn(int edition) {
        return jdbc.sql("select " + NOTE_COLUMNS + " from manual_note where added_in = ? order by id").param(edition)
                .query(ManualRecords::note).list();
    }

    public List<ManualNote> notesRetiredIn(int edition) {
        return jdbc.sql("select " + NOTE_COLUMNS + " from manual_note where retired_in = ? order by id").param(edition)
                .query(ManualRecords::note).list();
    }

    public Optional<ManualNote> note(long id) {
        return jdbc.sql("select " + NOTE_COLUMNS + " from manual_note where id = ?").param(id).query(ManualRecords::note).optional();
    }

    public long insertNote(String typeCode, String nodeCode, NoteKind kind, String title, String body, int addedIn, String by,
            Instant at) {
        return ManualRecords.insert(jdbc, """
                insert into manual_note (type_code, node_code, kind, title, body, added_in, written_by, written_at)
                values (?, ?, ?, ?, ?, ?, ?, ?)""", typeCode, nodeCode, kind.name(), title, body, addedIn, by, Timestamp.from(at));
    }

    public void retireNote(long id, int from) {
        jdbc.sql("update manual_note set retired_in = ? where id = ?").params(from, id).update();
    }

    public void deleteNote(long id) {
        jdbc.sql("delete from manual_note where id = ?").param(id).update();
    }

    private static ManualNote note(ResultSet rs, int n) throws SQLException {
        return new ManualNote(rs.getLong(1), rs.getString(2), rs.getString(3), NoteKind.valueOf(rs.getString(4)), rs.getString(5),
                rs.getString(6), rs.getInt(7), (Integer) rs.getObject(8, Integer.class), rs.getString(9), instant(rs, 10));
    }

    // Feedback

    private static final String FEEDBACK_COLUMNS = "id, edition_no, type_code, section, body, written_by, written_at, answered_in";

    public long insertFeedback(int edition, String typeCode, String section, String body, String by, Instant at) {
        return ManualRecords.insert(jdbc, """
                insert into manual_feedback (edition_no, type_code, section, body, written_by, written_at)
                values (?, ?, ?, ?, ?, ?)""", edition, typeCode, section, body, by, Timestamp.from(at));
    }

    public List<Feedback> openFeedback() {
        return jdbc.sql("select " + FEEDBACK_COLUMNS + " from manual_feedback where answered_in is null order by written_at, id")
                .query(ManualRecords::feedback).list();
    }

    public List<Feedback> feedbackBy(String username) {
        return jdbc.sql("select " + FEEDBACK_COLUMNS + " from manual_feedback where written_by = ? order by written_at desc, id desc")
                .param(username).query(ManualRecords::feedback).list();
    }

    public List<Feedback> feedback(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select " + FEEDBACK_COLUMNS + " from manual_feedback where id in (:ids) order by id").param("ids", ids)
                .query(ManualRecords::feedback).list();
    }

    public int answer(Collection<Long> ids, int edition) {
        if (ids.isEmpty()) {
            return 0;
        }
        return jdbc.sql("update manual_feedback set answered_in = :edition where id in (:ids) and answered_in is null")
                .param("edition", edition).param("ids", ids).update();
    }

    private static Feedback feedback(ResultSet rs, int n) throws SQLException {
        return new Feedback(rs.getLong(1), rs.getInt(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                instant(rs, 7), (Integer) rs.getObject(8, Integer.class));
    }

    // Change log

    public void insertChanges(int edition, List<ChangeEntry> entries) {
        int position = 0;
        for (ChangeEntry e : entries) {
            long id = insert(jdbc, """
                    insert into manual_change (edition_no, position, kind, type_code, subject, before_text, after_text, reason)
                    values (?, ?, ?, ?, ?, ?, ?, ?)""", edition, position++, e.kind().name(), e.typeCode(), e.subject(), e.before(),
                    e.after(), e.reason());
            for (Long feedback : e.answersFeedback()) {
                jdbc.sql("insert into manual_change_feedback (change_id, feedback_id) values (?, ?)").params(id, feedback).update();
            }
        }
    }

    /** The change logs of editions {@code from} to {@code to}, newest edition first, each in its order. */
    public List<ChangeEntry> changes(int from, int to) {
        Map<Long, List<Long>> answers = new HashMap<>();
        jdbc.sql("""
                select f.change_id, f.feedback_id from manual_change_feedback f join manual_change c on c.id = f.change_id
                where c.edition_no between ? and ? order by f.feedback_id""").params(from, to)
                .query((rs, n) -> answers.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getLong(2))).list();
        return jdbc.sql("""
                select id, edition_no, kind, type_code, subject, before_text, after_text, reason from manual_change
                where edition_no between ? and ? order by edition_no desc, position""").params(from, to)
                .query((rs, n) -> new ChangeEntry(rs.getLong(1), rs.getInt(2), ChangeKind.valueOf(rs.getString(3)), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
                        answers.getOrDefault(rs.getLong(1), List.of()))).list();
    }

    // Typical cases

    public void insertCases(List<TypicalCase> cases) {
        int position = 0;
        for (TypicalCase c : cases) {
            jdbc.sql("""
                    insert into manual_case (edition_no, position, order_no, department, verdict, clauses, opinion, note, marked_by, marked_at)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(c.edition(), position++, c.orderNo(), c.department(), c.verdict(), String.join(",", c.clauses()), c.opinion(),
                            c.note(), c.markedBy(), Timestamp.from(c.markedAt())).update();
        }
    }

    /** The appendix of an edition: the cases it and the editions before it took in, newest first. */
    public List<TypicalCase> casesUpTo(int edition) {
        return jdbc.sql("""
                select edition_no, order_no, department, verdict, clauses, opinion, note, marked_by, marked_at from manual_case
                where edition_no <= ? order by edition_no desc, position""").param(edition)
                .query((rs, n) -> new TypicalCase(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5) == null || rs.getString(5).isEmpty() ? List.of() : Arrays.asList(rs.getString(5).split(",")),
                        rs.getString(6), rs.getString(7), rs.getString(8), instant(rs, 9))).list();
    }

    // Readings

    public Optional<Integer> lastRead(String username) {
        return jdbc.sql("select edition_no from manual_reading where username = ?").param(username).query(Integer.class).optional();
    }

    public void markRead(String username, int edition, Instant at) {
        if (jdbc.sql("update manual_reading set edition_no = ?, read_at = ? where username = ?")
                .params(edition, Timestamp.from(at), username).update() == 0) {
            jdbc.sql("insert into manual_reading (username, edition_no, read_at) values (?, ?, ?)")
                    .params(username, edition, Timestamp.from(at)).update();
        }
    }

    /** Inserts a row and answers its generated id, the same on PostgreSQL and H2 (which has no {@code returning}). */
    public static long insert(JdbcClient jdbc, String sql, Object... params) {
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.sql(sql).params(params).update(key, "id");
        return key.getKeyAs(Number.class).longValue();
    }

    static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
