package org.yekuo.licence.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;
import org.yekuo.licence.LicenceKind;
import org.yekuo.licence.Retrieval;
import org.yekuo.licence.RetrievalOutcome;

/** Consents, the retrieval log and the licences an order rests on. */
@Repository
public class RetrievalRows {

    private final JdbcClient jdbc;

    RetrievalRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A consent asked for: which order the phone's newest consent code belongs to. */
    public record Consent(long id, long orderId, Instant requestedAt, Instant usedAt) {
    }

    public void insertConsent(long orderId, String phoneIndex, String requestedBy, Instant at) {
        jdbc.sql("insert into licence_consent (order_id, phone_index, requested_by, requested_at) values (?, ?, ?, ?)")
                .params(orderId, phoneIndex, requestedBy, Timestamp.from(at)).update();
    }

    /** The phone's newest consent, the one its newest code was sent for. */
    public Optional<Consent> latestConsent(String phoneIndex) {
        return jdbc.sql("select id, order_id, requested_at, used_at from licence_consent where phone_index = ? order by requested_at desc, id desc")
                .param(phoneIndex).query((rs, n) -> new Consent(rs.getLong("id"), rs.getLong("order_id"), instant(rs, "requested_at"),
                        instant(rs, "used_at"))).list().stream().findFirst();
    }

    /** Uses the consent up; false when another request used it first. */
    public boolean useConsent(long id, Instant at) {
        return jdbc.sql("update licence_consent set used_at = ? where id = ? and used_at is null").params(Timestamp.from(at), id).update() == 1;
    }

    public long insertRetrieval(long orderId, String orderNo, String orgPath, LicenceKind kind, String holderMasked, String licenceNo,
            RetrievalOutcome outcome, String retrievedBy, Instant at, Long documentId) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                insert into licence_retrieval (order_id, order_no, org_path, licence_kind, holder_masked, licence_no, outcome, retrieved_by,
                    retrieved_at, document_id) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(orderId, orderNo, orgPath, kind.name(), holderMasked, licenceNo, outcome.name(), retrievedBy, Timestamp.from(at),
                        documentId)
                .update(keys, "id");
        return ((Number) keys.getKeys().get("id")).longValue();
    }

    public Retrieval retrieval(long id) {
        return jdbc.sql(SELECT + " where id = ?").param(id).query(RetrievalRows::retrieval).single();
    }

    public List<Retrieval> ofOrder(long orderId) {
        return jdbc.sql(SELECT + " where order_id = ? order by retrieved_at desc, id desc").param(orderId).query(RetrievalRows::retrieval).list();
    }

    /** The log across orders, newest first, within {@code scopeLike} (an org path pattern). */
    public List<Retrieval> page(String scopeLike, int page, int size) {
        return jdbc.sql(SELECT + " where org_path like ? order by retrieved_at desc, id desc limit ? offset ?")
                .params(scopeLike, size, page * size).query(RetrievalRows::retrieval).list();
    }

    public long count(String scopeLike) {
        return jdbc.sql("select count(*) from licence_retrieval where org_path like ?").param(scopeLike).query(Long.class).single();
    }

    /** Keeps the newest licence of its kind for the order, to be watched for expiry; a new licence is reminded of afresh. */
    public void keepLicence(long orderId, LicenceKind kind, String licenceNo, LocalDate validUntil, long retrievalId, Instant at) {
        int updated = jdbc.sql("""
                update order_licence set licence_no = ?, valid_until = ?, retrieval_id = ?, fetched_at = ?,
                    reminded_30_at = case when licence_no = ? then reminded_30_at else null end
                where order_id = ? and licence_kind = ?""")
                .params(licenceNo, validUntil, retrievalId, Timestamp.from(at), licenceNo, orderId, kind.name()).update();
        if (updated == 0) {
            jdbc.sql("insert into order_licence (order_id, licence_kind, licence_no, valid_until, retrieval_id, fetched_at) values (?, ?, ?, ?, ?, ?)")
                    .params(orderId, kind.name(), licenceNo, validUntil, retrievalId, Timestamp.from(at)).update();
        }
    }

    /** A licence an order rests on. */
    public record KeptLicence(long id, long orderId, LicenceKind kind, String licenceNo, LocalDate validUntil, Instant remindedAt) {
    }

    public List<KeptLicence> licencesOf(long orderId) {
        return jdbc.sql("select id, order_id, licence_kind, licence_no, valid_until, reminded_30_at from order_licence where order_id = ? order by licence_kind")
                .param(orderId).query(RetrievalRows::kept).list();
    }

    /** Licences of open orders that end on or before {@code until} and have not been reminded of: the sweep's work. */
    public List<KeptLicence> dueForReminder(LocalDate until, int max) {
        return jdbc.sql("""
                select l.id, l.order_id, l.licence_kind, l.licence_no, l.valid_until, l.reminded_30_at from order_licence l
                join application a on a.id = l.order_id
                where l.valid_until is not null and l.valid_until <= ? and l.reminded_30_at is null and a.status in ('ACTIVE', 'SUSPENDED')
                order by l.valid_until, l.id limit ?""")
                .params(until, max).query(RetrievalRows::kept).list();
    }

    /** Claims the reminder of one licence; false when another node claimed it first. */
    public boolean claimReminder(long id, Instant at) {
        return jdbc.sql("update order_licence set reminded_30_at = ? where id = ? and reminded_30_at is null").params(Timestamp.from(at), id)
                .update() == 1;
    }

    private static final String SELECT = "select id, order_id, order_no, licence_kind, holder_masked, licence_no, outcome, retrieved_by,"
            + " retrieved_at, document_id from licence_retrieval";

    private static Retrieval retrieval(ResultSet rs, int n) throws SQLException {
        long document = rs.getLong("document_id");
        Long documentId = rs.wasNull() ? null : document;
        return new Retrieval(rs.getLong("id"), rs.getLong("order_id"), rs.getString("order_no"), LicenceKind.valueOf(rs.getString("licence_kind")),
                rs.getString("holder_masked"), rs.getString("licence_no"), RetrievalOutcome.valueOf(rs.getString("outcome")),
                rs.getString("retrieved_by"), rs.getString("retrieved_by"), instant(rs, "retrieved_at"), documentId);
    }

    private static KeptLicence kept(ResultSet rs, int n) throws SQLException {
        java.sql.Date until = rs.getDate("valid_until");
        return new KeptLicence(rs.getLong("id"), rs.getLong("order_id"), LicenceKind.valueOf(rs.getString("licence_kind")),
                rs.getString("licence_no"), until == null ? null : until.toLocalDate(), instant(rs, "reminded_30_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp at = rs.getTimestamp(column);
        return at == null ? null : at.toInstant();
    }
}
