package org.yekuo.review;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;
import org.yekuo.catalogue.Department;

/** Rounds, reviews, rulings, signatures and copies in Yekuo's own tables. */
@Repository
class ReviewRecords {

    private static final String REVIEW = "select * from review";

    private final JdbcClient jdbc;

    ReviewRecords(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    // --- rounds

    long insertRound(long orderId, String orderNo, String orgPath, int roundNo, String guidelineCode, int guidelineVersion,
            String submittedBy, Instant submittedAt, RoundState state) {
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("""
                insert into review_round (order_id, order_no, org_path, round_no, guideline_code, guideline_version,
                    submitted_by, submitted_at, state) values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(orderId, orderNo, orgPath, roundNo, guidelineCode, guidelineVersion, submittedBy, at(submittedAt),
                        state.name())
                .update(key, "id");
        return key.getKey().longValue();
    }

    Optional<ReviewRound> latestRound(long orderId) {
        return jdbc.sql("select * from review_round where order_id = ? order by round_no desc").param(orderId)
                .query(ROUND).stream().findFirst();
    }

    List<ReviewRound> rounds(long orderId) {
        return jdbc.sql("select * from review_round where order_id = ? order by round_no").param(orderId).query(ROUND).list();
    }

    Optional<ReviewRound> round(long id) {
        return jdbc.sql("select * from review_round where id = ?").param(id).query(ROUND).optional();
    }

    Optional<ReviewRound> roundByArbitrationTask(String taskId) {
        return jdbc.sql("select * from review_round where arbitration_task = ?").param(taskId).query(ROUND).optional();
    }

    /** Moves a round on from the state it was read in; false when someone else moved it first. */
    boolean moveRound(long id, RoundState from, RoundState to) {
        return jdbc.sql("update review_round set state = ? where id = ? and state = ?").params(to.name(), id, from.name())
                .update() == 1;
    }

    void arbitrationTask(long roundId, String taskId) {
        jdbc.sql("update review_round set arbitration_task = ? where id = ?").params(taskId, roundId).update();
    }

    // --- reviews

    long insertReview(long roundId, long orderId, Department department, boolean coSigner, String reviewer,
            Instant receivedAt, Instant dueAt) {
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("""
                insert into review (round_id, order_id, department, co_signer, reviewer, received_at, due_at)
                values (?, ?, ?, ?, ?, ?, ?)""")
                .params(roundId, orderId, department.name(), coSigner, reviewer, at(receivedAt), at(dueAt))
                .update(key, "id");
        return key.getKey().longValue();
    }

    /** Gives the round's first review of the department still without a task the task the engine just made. */
    boolean attachTask(long roundId, Department department, String taskId) {
        return jdbc.sql("""
                update review set task_id = ? where id = (select min(id) from review
                    where round_id = ? and department = ? and task_id is null)""")
                .params(taskId, roundId, department.name()).update() == 1;
    }

    Optional<Review> byTask(String taskId) {
        return jdbc.sql(REVIEW + " where task_id = ?").param(taskId).query(REVIEW_ROW).optional();
    }

    Optional<Review> review(long id) {
        return jdbc.sql(REVIEW + " where id = ?").param(id).query(REVIEW_ROW).optional();
    }

    List<Review> ofRound(long roundId) {
        return jdbc.sql(REVIEW + " where round_id = ? order by id").param(roundId).query(REVIEW_ROW).list();
    }

    List<Review> ofOrder(long orderId) {
        return jdbc.sql(REVIEW + " where order_id = ? order by id").param(orderId).query(REVIEW_ROW).list();
    }

    /** Open reviews of these departments on orders in the org scope, oldest first. */
    List<Review> openOf(List<Department> departments, String scopePattern, int max) {
        if (departments.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                select r.* from review r join review_round o on o.id = r.round_id
                where r.decided_at is null and o.state = 'OPEN' and r.department in (:departments)
                  and o.org_path like :scope order by r.received_at, r.id""")
                .param("departments", departments.stream().map(Department::name).toList()).param("scope", scopePattern)
                .query(REVIEW_ROW).list().stream().limit(max).toList();
    }

    void opened(long reviewId, String reviewer, Instant at) {
        jdbc.sql("update review set opened_at = coalesce(opened_at, ?), reviewer = ? where id = ?")
                .params(at(at), reviewer, reviewId).update();
    }

    void reviewer(long reviewId, String reviewer) {
        jdbc.sql("update review set reviewer = ? where id = ?").params(reviewer, reviewId).update();
    }

    /** Records the signed opinion once; false when the review was decided meanwhile. */
    boolean decide(long reviewId, Opinion opinion, String by, Instant at, long signatureId) {
        return jdbc.sql("""
                update review set verdict = ?, clauses = ?, opinion = ?, decided_by = ?, decided_at = ?, signature_id = ?
                where id = ? and decided_at is null""")
                .params(opinion.verdict().name(), String.join(",", opinion.clauses()), opinion.text(), by, at(at),
                        signatureId, reviewId)
                .update() == 1;
    }

    void urged(long reviewId, Instant at) {
        jdbc.sql("update review set last_urged_at = ? where id = ?").params(at(at), reviewId).update();
    }

    /** Claims an urge at {@code at} unless the review was urged after {@code notAfter}; false when it was. */
    boolean claimUrge(long reviewId, Instant at, Instant notAfter) {
        return jdbc.sql("update review set last_urged_at = ? where id = ? and (last_urged_at is null or last_urged_at <= ?)")
                .params(at(at), reviewId, at(notAfter)).update() == 1;
    }

    void typical(long reviewId, String note, String by, Instant at) {
        jdbc.sql("update review set typical = true, typical_note = ?, typical_by = ?, typical_at = ? where id = ?")
                .params(note, by, at(at), reviewId).update();
    }

    List<Review> typicalBetween(Instant from, Instant to, String scopePattern) {
        return jdbc.sql("""
                select r.* from review r join review_round o on o.id = r.round_id
                where r.typical = true and r.typical_at >= ? and r.typical_at < ? and o.org_path like ?
                order by r.typical_at, r.id""")
                .params(at(from), at(to), scopePattern).query(REVIEW_ROW).list();
    }

    // --- rulings

    long insertRuling(long roundId, long orderId, Opinion opinion, String meeting, List<Department> departments,
            String by, Instant at, long signatureId) {
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("""
                insert into review_ruling (round_id, order_id, verdict, clauses, opinion, meeting, departments, ruled_by,
                    ruled_at, signature_id) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(roundId, orderId, opinion.verdict().name(), String.join(",", opinion.clauses()), opinion.text(),
                        meeting, String.join(",", departments.stream().map(Department::name).toList()), by, at(at), signatureId)
                .update(key, "id");
        return key.getKey().longValue();
    }

    Optional<Ruling> ruling(long roundId) {
        return jdbc.sql("select * from review_ruling where round_id = ?").param(roundId).query(RULING).optional();
    }

    // --- signatures

    long insertSignature(SignedStatement s) {
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("""
                insert into review_signature (algorithm, signer, signed_at, payload, signature, public_key)
                values (?, ?, ?, ?, ?, ?)""")
                .params(s.algorithm(), s.signer(), at(s.signedAt()), s.payload(), s.signature(), s.publicKey())
                .update(key, "id");
        return key.getKey().longValue();
    }

    Optional<SignedStatement> signature(long id) {
        return jdbc.sql("select * from review_signature where id = ?").param(id)
                .query((rs, n) -> new SignedStatement(rs.getString("algorithm"), rs.getString("signer"),
                        instant(rs, "signed_at"), rs.getString("payload"), rs.getString("signature"), rs.getString("public_key")))
                .optional();
    }

    // --- copies

    void insertCopy(long orderId, String orderNo, String recipient, String note, String by, Instant at) {
        jdbc.sql("""
                insert into review_copy (order_id, order_no, recipient, note, copied_by, copied_at)
                values (?, ?, ?, ?, ?, ?)""").params(orderId, orderNo, recipient, note, by, at(at)).update();
    }

    List<CopiedOrder> copiesTo(String recipient, int max) {
        return jdbc.sql("select * from review_copy where recipient = ? order by copied_at desc, id desc").param(recipient)
                .query((rs, n) -> new CopiedOrder(rs.getLong("id"), rs.getLong("order_id"), rs.getString("order_no"),
                        rs.getString("recipient"), rs.getString("note"), rs.getString("copied_by"), instant(rs, "copied_at")))
                .list().stream().limit(max).toList();
    }

    // --- mapping

    private static final RowMapper<ReviewRound> ROUND = (rs, n) -> new ReviewRound(rs.getLong("id"), rs.getLong("order_id"),
            rs.getString("order_no"), rs.getString("org_path"), rs.getInt("round_no"), rs.getString("guideline_code"),
            rs.getInt("guideline_version"), rs.getString("submitted_by"), instant(rs, "submitted_at"),
            RoundState.valueOf(rs.getString("state")), rs.getString("arbitration_task"));

    private static final RowMapper<Review> REVIEW_ROW = (rs, n) -> new Review(rs.getLong("id"), rs.getLong("round_id"),
            rs.getLong("order_id"), Department.valueOf(rs.getString("department")), rs.getBoolean("co_signer"),
            rs.getString("task_id"), rs.getString("reviewer"), instant(rs, "received_at"), instant(rs, "opened_at"),
            instant(rs, "due_at"), rs.getString("verdict") == null ? null : Verdict.valueOf(rs.getString("verdict")),
            list(rs.getString("clauses")), rs.getString("opinion"), rs.getString("decided_by"), instant(rs, "decided_at"),
            (Long) rs.getObject("signature_id", Long.class), instant(rs, "last_urged_at"), rs.getBoolean("typical"),
            rs.getString("typical_note"), rs.getString("typical_by"), instant(rs, "typical_at"));

    private static final RowMapper<Ruling> RULING = (rs, n) -> new Ruling(rs.getLong("id"), rs.getLong("round_id"),
            rs.getLong("order_id"), Verdict.valueOf(rs.getString("verdict")), list(rs.getString("clauses")),
            rs.getString("opinion"), rs.getString("meeting"),
            list(rs.getString("departments")).stream().map(Department::valueOf).toList(), rs.getString("ruled_by"),
            instant(rs, "ruled_at"), rs.getLong("signature_id"));

    private static List<String> list(String joined) {
        return joined == null || joined.isBlank() ? List.of() : Arrays.asList(joined.split(","));
    }

    private static Timestamp at(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
