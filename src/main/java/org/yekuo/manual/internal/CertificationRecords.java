package org.yekuo.manual.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.yekuo.manual.Question;
import org.yekuo.manual.QuestionKind;

/** The tables of certification: question bank, exams with the questions they drew, certifications, countersigns. */
@Repository
public class CertificationRecords {

    private final JdbcClient jdbc;

    CertificationRecords(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    // Question bank

    public long insertQuestion(String typeCode, String nodeCode, QuestionKind kind, String stem, String explanation,
            List<Question.Option> options, String by, Instant at) {
        long id = ManualRecords.insert(jdbc, """
                insert into manual_question (type_code, node_code, kind, stem, explanation, written_by, written_at)
                values (?, ?, ?, ?, ?, ?, ?)""", typeCode, nodeCode, kind.name(), stem, explanation, by, Timestamp.from(at));
        for (Question.Option option : options) {
            jdbc.sql("insert into manual_question_option (question_id, position, text, correct) values (?, ?, ?, ?)")
                    .params(id, option.position(), option.text(), option.correct()).update();
        }
        return id;
    }

    public int retireQuestion(long id) {
        return jdbc.sql("update manual_question set active = false where id = ? and active").param(id).update();
    }

    public List<Question> questions(String typeCode, boolean activeOnly) {
        return withOptions(jdbc.sql("select id, type_code, node_code, kind, stem, explanation, active from manual_question"
                        + " where type_code = ?" + (activeOnly ? " and active" : "") + " order by id")
                .param(typeCode).query(CertificationRecords::question).list());
    }

    public Optional<Question> question(long id) {
        return withOptions(jdbc.sql("select id, type_code, node_code, kind, stem, explanation, active from manual_question where id = ?")
                .param(id).query(CertificationRecords::question).list()).stream().findFirst();
    }

    public long countActive(String typeCode) {
        return jdbc.sql("select count(*) from manual_question where type_code = ? and active").param(typeCode).query(Long.class).single();
    }

    private List<Question> withOptions(List<Question> questions) {
        if (questions.isEmpty()) {
            return questions;
        }
        Map<Long, List<Question.Option>> options = new HashMap<>();
        jdbc.sql("select question_id, position, text, correct from manual_question_option where question_id in (:ids) order by question_id, position")
                .param("ids", questions.stream().map(Question::id).toList())
                .query((rs, n) -> options.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
                        .add(new Question.Option(rs.getInt(2), rs.getString(3), rs.getBoolean(4)))).list();
        return questions.stream().map(q -> new Question(q.id(), q.typeCode(), q.nodeCode(), q.kind(), q.stem(), q.explanation(),
                options.getOrDefault(q.id(), List.of()), q.active())).toList();
    }

    private static Question question(ResultSet rs, int n) throws SQLException {
        return new Question(rs.getLong(1), rs.getString(2), rs.getString(3), QuestionKind.valueOf(rs.getString(4)), rs.getString(5),
                rs.getString(6), List.of(), rs.getBoolean(7));
    }

    // Exams

    public record ExamRow(long id, String username, String typeCode, int edition, Instant startedAt, Instant dueAt, Instant submittedAt,
            Integer score, Boolean passed) {
    }

    public record DrawnQuestion(int position, long questionId, int points, String answer, Boolean correct) {
    }

    private static final String EXAM_COLUMNS = "id, username, type_code, edition_no, started_at, due_at, submitted_at, score, passed";

    public long insertExam(String username, String typeCode, int edition, Instant startedAt, Instant dueAt, List<DrawnQuestion> drawn) {
        long id = ManualRecords.insert(jdbc, """
                insert into manual_exam (username, type_code, edition_no, started_at, due_at) values (?, ?, ?, ?, ?)""", username, typeCode, edition, Timestamp.from(startedAt), Timestamp.from(dueAt));
        for (DrawnQuestion q : drawn) {
            jdbc.sql("insert into manual_exam_question (exam_id, position, question_id, points) values (?, ?, ?, ?)")
                    .params(id, q.position(), q.questionId(), q.points()).update();
        }
        return id;
    }

    public Optional<ExamRow> exam(long id, boolean lock) {
        return jdbc.sql("select " + EXAM_COLUMNS + " from manual_exam where id = ?" + (lock ? " for update" : "")).param(id)
                .query(CertificationRecords::exam).optional();
    }

    public List<ExamRow> examsOf(String username) {
        return jdbc.sql("select " + EXAM_COLUMNS + " from manual_exam where username = ? order by started_at desc, id desc limit 50")
                .param(username).query(CertificationRecords::exam).list();
    }

    public List<DrawnQuestion> drawn(long examId) {
        return jdbc.sql("select position, question_id, points, answer, correct from manual_exam_question where exam_id = ? order by position")
                .param(examId).query((rs, n) -> new DrawnQuestion(rs.getInt(1), rs.getLong(2), rs.getInt(3), rs.getString(4),
                        (Boolean) rs.getObject(5, Boolean.class))).list();
    }

    public void mark(long examId, int position, String answer, boolean correct) {
        jdbc.sql("update manual_exam_question set answer = ?, correct = ? where exam_id = ? and position = ?")
                .params(answer, correct, examId, position).update();
    }

    public void finish(long examId, Instant at, int score, boolean passed) {
        jdbc.sql("update manual_exam set submitted_at = ?, score = ?, passed = ? where id = ?")
                .params(Timestamp.from(at), score, passed, examId).update();
    }

    private static ExamRow exam(ResultSet rs, int n) throws SQLException {
        return new ExamRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getInt(4), ManualRecords.instant(rs, 5),
                ManualRecords.instant(rs, 6), ManualRecords.instant(rs, 7), (Integer) rs.getObject(8, Integer.class),
                (Boolean) rs.getObject(9, Boolean.class));
    }

    // Certifications

    public record CertificationRow(long id, String username, String typeCode, Long examId, int edition, Instant certifiedAt,
            Instant validUntil) {
    }

    private static final String CERT_COLUMNS = "id, username, type_code, exam_id, edition_no, certified_at, valid_until";

    public long insertCertification(String username, String typeCode, Long examId, int edition, Instant at, Instant validUntil) {
        return ManualRecords.insert(jdbc, """
                insert into manual_certification (username, type_code, exam_id, edition_no, certified_at, valid_until)
                values (?, ?, ?, ?, ?, ?)""", username, typeCode, examId, edition, Timestamp.from(at), Timestamp.from(validUntil));
    }

    /** The newest certification of each type the person holds. */
    public List<CertificationRow> latestOf(String username) {
        return jdbc.sql("select " + CERT_COLUMNS + " from manual_certification c where username = ? and not exists ("
                        + " select 1 from manual_certification d where d.username = c.username and d.type_code = c.type_code"
                        + " and (d.certified_at > c.certified_at or d.certified_at = c.certified_at and d.id > c.id))"
                        + " order by type_code")
                .param(username).query(CertificationRecords::certification).list();
    }

    public Optional<CertificationRow> latest(String username, String typeCode) {
        return jdbc.sql("select " + CERT_COLUMNS + " from manual_certification where username = ? and type_code = ?"
                        + " order by certified_at desc, id desc limit 1")
                .params(username, typeCode).query(CertificationRecords::certification).optional();
    }

    /** The newest certifications (one per person and type) that lapse before {@code before}, soonest first. */
    public List<CertificationRow> latestLapsingBefore(Instant before, int limit) {
        return jdbc.sql("select " + CERT_COLUMNS + " from manual_certification c where valid_until < ? and not exists ("
                        + " select 1 from manual_certification d where d.username = c.username and d.type_code = c.type_code"
                        + " and (d.certified_at > c.certified_at or d.certified_at = c.certified_at and d.id > c.id))"
                        + " order by valid_until limit ?")
                .params(Timestamp.from(before), limit).query(CertificationRecords::certification).list();
    }

    /** The newest certifications of a type gained before {@code at} (to be renewed after a material change). */
    public List<CertificationRow> latestOfTypeCertifiedBefore(String typeCode, Instant at, int limit) {
        return jdbc.sql("select " + CERT_COLUMNS + " from manual_certification c where type_code = ? and certified_at < ? and not exists ("
                        + " select 1 from manual_certification d where d.username = c.username and d.type_code = c.type_code"
                        + " and (d.certified_at > c.certified_at or d.certified_at = c.certified_at and d.id > c.id))"
                        + " order by username limit ?")
                .params(typeCode, Timestamp.from(at), limit).query(CertificationRecords::certification).list();
    }

    public boolean any(String username) {
        return jdbc.sql("select count(*) from manual_certification where username = ?").param(username).query(Long.class).single() > 0;
    }

    private static CertificationRow certification(ResultSet rs, int n) throws SQLException {
        return new CertificationRow(rs.getLong(1), rs.getString(2), rs.getString(3), (Long) rs.getObject(4, Long.class), rs.getInt(5),
                ManualRecords.instant(rs, 6), ManualRecords.instant(rs, 7));
    }
}
