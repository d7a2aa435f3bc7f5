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

    /** Logs a retrieval; {@code orderId} and {@code orderNo} are null for one made at a counter form not yet accepted. */
    public long insertRetrieval(Long orderId, String orderNo, String orgPath, LicenceKind kind, String holderMasked, String licenceNo,
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

    /** A retrieval made at the counter's form joins the order the form became, with the licence's file in its archive. */
    public void bindRetrieval(long id, long orderId, String orderNo, String orgPath, Long documentId) {
        jdbc.sql("update licence_retrieval set order_id = ?, order_no = ?, org_path = ?, document_id = ? where id = ? and order_id is null")
                .params(orderId, orderNo, orgPath, documentId, id).update();
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

    /** A licence's fields as stored: names and addresses sealed. */
    public record SealedFields(String name, String legalRepresentative, String address, java.math.BigDecimal registeredCapital,
            LocalDate validFrom, LocalDate validUntil, String propertyLocation, java.math.BigDecimal propertyArea) {
    }

    /**
     * Keeps the newest licence of its kind for the order, to be watched for expiry; a licence with another number is
     * reminded of afresh, and its fields wait for a person to confirm them again.
     */
    public void keepLicence(long orderId, LicenceKind kind, String licenceNo, SealedFields f, long retrievalId, Instant at) {
        int updated = jdbc.sql("""
                update order_licence set reminded_30_at = case when licence_no = ? then reminded_30_at else null end,
                    reminded_expired_at = case when licence_no = ? then reminded_expired_at else null end,
                    licence_no = ?, valid_until = ?, retrieval_id = ?, fetched_at = ?, name_sealed = ?, legal_representative_sealed = ?,
                    address_sealed = ?, registered_capital = ?, valid_from = ?, property_location_sealed = ?, property_area = ?,
                    confirmed_by = null, confirmed_at = null
                where order_id = ? and licence_kind = ?""")
                .params(licenceNo, licenceNo, licenceNo, f.validUntil(), retrievalId, Timestamp.from(at), f.name(), f.legalRepresentative(), f.address(),
                        f.registeredCapital(), f.validFrom(), f.propertyLocation(), f.propertyArea(), orderId, kind.name()).update();
        if (updated == 0) {
            jdbc.sql("""
                    insert into order_licence (order_id, licence_kind, licence_no, valid_until, retrieval_id, fetched_at, name_sealed,
                        legal_representative_sealed, address_sealed, registered_capital, valid_from, property_location_sealed, property_area)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(orderId, kind.name(), licenceNo, f.validUntil(), retrievalId, Timestamp.from(at), f.name(), f.legalRepresentative(),
                            f.address(), f.registeredCapital(), f.validFrom(), f.propertyLocation(), f.propertyArea()).update();
        }
    }

    /** The person's confirmation of the fields, corrected where the licence and the applicant's papers differ. */
    public boolean confirm(long orderId, LicenceKind kind, SealedFields f, String by, Instant at) {
        return jdbc.sql("""
                update order_licence set name_sealed = ?, legal_representative_sealed = ?, address_sealed = ?, registered_capital = ?,
                    valid_from = ?, valid_until = ?, property_location_sealed = ?, property_area = ?, confirmed_by = ?, confirmed_at = ?,
                    reminded_30_at = case when valid_until = ? then reminded_30_at else null end,
                    reminded_expired_at = case when valid_until = ? then reminded_expired_at else null end
                where order_id = ? and licence_kind = ?""")
                .params(f.name(), f.legalRepresentative(), f.address(), f.registeredCapital(), f.validFrom(), f.validUntil(),
                        f.propertyLocation(), f.propertyArea(), by, Timestamp.from(at), f.validUntil(), f.validUntil(), orderId,
                        kind.name()).update() == 1;
    }

    /** A licence an order rests on, its fields sealed. */
    public record KeptLicence(long id, long orderId, LicenceKind kind, String licenceNo, SealedFields fields, Instant fetchedAt,
            String confirmedBy, Instant confirmedAt, Instant remindedAt) {
    }

    public List<KeptLicence> licencesOf(long orderId) {
        return jdbc.sql(KEPT + " where order_id = ? order by licence_kind").param(orderId).query(RetrievalRows::kept).list();
    }

    public Optional<KeptLicence> licence(long id) {
        return jdbc.sql(KEPT + " where id = ?").param(id).query(RetrievalRows::kept).optional();
    }

    private static final String KEPT = "select id, order_id, licence_kind, licence_no, valid_until, reminded_30_at, fetched_at, name_sealed,"
            + " legal_representative_sealed, address_sealed, registered_capital, valid_from, property_location_sealed, property_area,"
            + " confirmed_by, confirmed_at from order_licence";

    /** When the applicant is reminded of a licence's end: once 30 days ahead, once when it has passed (R-LIC-4). */
    public enum Threshold {
        DAYS_30("reminded_30_at", "l.valid_until >= ? and l.valid_until <= ?"),
        EXPIRED("reminded_expired_at", "l.valid_until < ?");

        private final String column;
        private final String condition;

        Threshold(String column, String condition) {
            this.column = column;
            this.condition = condition;
        }
    }

    /** Licences of open orders due for the threshold's reminder as of {@code today}: the sweep's work. */
    public List<KeptLicence> dueForReminder(Threshold threshold, LocalDate today, int max) {
        List<Object> params = new java.util.ArrayList<>(List.of(today));
        if (threshold == Threshold.DAYS_30) {
            params.add(today.plusDays(30));
        }
        params.add(max);
        return jdbc.sql("select l.* from order_licence l join application a on a.id = l.order_id where l.valid_until is not null and "
                        + threshold.condition + " and l." + threshold.column + " is null and a.status in ('ACTIVE', 'SUSPENDED')"
                        + " order by l.valid_until, l.id limit ?")
                .params(params).query(RetrievalRows::kept).list();
    }

    /** Claims one licence's reminder at the threshold; false when another node claimed it first. */
    public boolean claimReminder(long id, Threshold threshold, Instant at) {
        return jdbc.sql("update order_licence set " + threshold.column + " = ? where id = ? and " + threshold.column + " is null")
                .params(Timestamp.from(at), id).update() == 1;
    }

    /** The order's licences that have ended before {@code today}: what blocks its nodes. */
    public List<KeptLicence> expired(long orderId, LocalDate today) {
        return jdbc.sql(KEPT + " where order_id = ? and valid_until < ? order by licence_kind").params(orderId, today)
                .query(RetrievalRows::kept).list();
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
        SealedFields fields = new SealedFields(rs.getString("name_sealed"), rs.getString("legal_representative_sealed"),
                rs.getString("address_sealed"), rs.getBigDecimal("registered_capital"), date(rs, "valid_from"), date(rs, "valid_until"),
                rs.getString("property_location_sealed"), rs.getBigDecimal("property_area"));
        return new KeptLicence(rs.getLong("id"), rs.getLong("order_id"), LicenceKind.valueOf(rs.getString("licence_kind")),
                rs.getString("licence_no"), fields, instant(rs, "fetched_at"), rs.getString("confirmed_by"), instant(rs, "confirmed_at"),
                instant(rs, "reminded_30_at"));
    }

    private static LocalDate date(ResultSet rs, String column) throws SQLException {
        java.sql.Date day = rs.getDate(column);
        return day == null ? null : day.toLocalDate();
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp at = rs.getTimestamp(column);
        return at == null ? null : at.toInstant();
    }
}
