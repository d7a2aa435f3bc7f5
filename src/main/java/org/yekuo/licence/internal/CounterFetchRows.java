package org.yekuo.licence.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;
import org.yekuo.licence.LicenceKind;

/** Consents asked and licences fetched on an application form (the counter's or {@code /apply}), waiting for the order it becomes. */
@Repository
public class CounterFetchRows {

    private final JdbcClient jdbc;

    CounterFetchRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A consent asked from one form, and what its one retrieval brought once used; fields and file sealed. */
    public record CounterFetch(long id, String formKey, String requestedBy, String orgPath, String applicantKind, String subjectIndex,
            String subjectSealed, String phoneIndex, String phoneMasked, String holderMasked, Instant requestedAt, Instant expiresAt, Instant usedAt, LicenceKind kind,
            Long retrievalId, String licenceNo, RetrievalRows.SealedFields fields, String fileName, String fileSealed) {

        public boolean fetched() {
            return retrievalId != null && fileSealed != null;
        }
    }

    public long insertConsent(String formKey, String requestedBy, String orgPath, String applicantKind, String subjectIndex,
            String subjectSealed, String phoneIndex, String phoneMasked, String holderMasked, Instant at, Instant expiresAt) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                insert into licence_counter_fetch (form_key, requested_by, org_path, applicant_kind, subject_index, subject_sealed,
                    phone_index, phone_masked, holder_masked, requested_at, expires_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(formKey, requestedBy, orgPath, applicantKind, subjectIndex, subjectSealed, phoneIndex, phoneMasked, holderMasked,
                        Timestamp.from(at),
                        Timestamp.from(expiresAt))
                .update(keys, "id");
        return ((Number) keys.getKeys().get("id")).longValue();
    }

    /** The form's newest consent still in time, the one its newest code was sent for. */
    public Optional<CounterFetch> latestConsent(String formKey, String requestedBy, Instant now) {
        return jdbc.sql(SELECT + " where form_key = ? and requested_by = ? and expires_at > ? order by requested_at desc, id desc")
                .params(formKey, requestedBy, Timestamp.from(now)).query(CounterFetchRows::row).list().stream().findFirst();
    }

    /** Uses the consent up; false when another request used it first. */
    public boolean use(long id, Instant at) {
        return jdbc.sql("update licence_counter_fetch set used_at = ? where id = ? and used_at is null").params(Timestamp.from(at), id)
                .update() == 1;
    }

    /** Keeps what the consent's retrieval brought, sealed, for the order the form becomes. */
    public void keep(long id, LicenceKind kind, long retrievalId, String licenceNo, RetrievalRows.SealedFields f, String fileName,
            String fileSealed) {
        jdbc.sql("""
                update licence_counter_fetch set licence_kind = ?, retrieval_id = ?, licence_no = ?, name_sealed = ?,
                    legal_representative_sealed = ?, address_sealed = ?, registered_capital = ?, valid_from = ?, valid_until = ?,
                    property_location_sealed = ?, property_area = ?, file_name = ?, file_sealed = ? where id = ?""")
                .params(kind.name(), retrievalId, licenceNo, f.name(), f.legalRepresentative(), f.address(), f.registeredCapital(),
                        f.validFrom(), f.validUntil(), f.propertyLocation(), f.propertyArea(), fileName, fileSealed, id)
                .update();
    }

    /** Notes on a consent the retrieval it was spent on that brought nothing, so that the form's order logs it too. */
    public void noteFailure(long id, LicenceKind kind, long retrievalId) {
        jdbc.sql("update licence_counter_fetch set licence_kind = ?, retrieval_id = ? where id = ?").params(kind.name(), retrievalId, id)
                .update();
    }

    /** Every retrieval made for a form and still in time, whatever it brought, oldest first. */
    public List<CounterFetch> retrievedFor(String formKey, String requestedBy, Instant now) {
        return jdbc.sql(SELECT + " where form_key = ? and requested_by = ? and expires_at > ? and retrieval_id is not null"
                        + " order by requested_at, id")
                .params(formKey, requestedBy, Timestamp.from(now)).query(CounterFetchRows::row).list();
    }

    /** The licences fetched for a form and still in time, oldest first. */
    public List<CounterFetch> fetchedFor(String formKey, String requestedBy, Instant now) {
        return jdbc.sql(SELECT + " where form_key = ? and requested_by = ? and expires_at > ? and retrieval_id is not null"
                        + " and file_sealed is not null order by requested_at, id")
                .params(formKey, requestedBy, Timestamp.from(now)).query(CounterFetchRows::row).list();
    }

    /** Forgets everything of a form: its order has taken the licences, or it was abandoned. */
    public void deleteForm(String formKey, String requestedBy) {
        jdbc.sql("delete from licence_counter_fetch where form_key = ? and requested_by = ?").params(formKey, requestedBy).update();
    }

    /** Forgets what one phone asked on a form: an applicant's online form shared no key with another phone's. */
    public void deleteForm(String formKey, String requestedBy, String phoneIndex) {
        jdbc.sql("delete from licence_counter_fetch where form_key = ? and requested_by = ? and phone_index = ?")
                .params(formKey, requestedBy, phoneIndex).update();
    }

    /** Deletes what has expired: abandoned forms keep no licence. Safe to run on several nodes at once. */
    public int deleteExpired(Instant now) {
        return jdbc.sql("delete from licence_counter_fetch where expires_at <= ?").param(Timestamp.from(now)).update();
    }

    private static final String SELECT = "select * from licence_counter_fetch";

    private static CounterFetch row(ResultSet rs, int n) throws SQLException {
        long retrieval = rs.getLong("retrieval_id");
        Long retrievalId = rs.wasNull() ? null : retrieval;
        String kind = rs.getString("licence_kind");
        java.sql.Date from = rs.getDate("valid_from");
        java.sql.Date until = rs.getDate("valid_until");
        RetrievalRows.SealedFields fields = new RetrievalRows.SealedFields(rs.getString("name_sealed"),
                rs.getString("legal_representative_sealed"), rs.getString("address_sealed"), rs.getBigDecimal("registered_capital"),
                from == null ? null : from.toLocalDate(), until == null ? null : until.toLocalDate(), rs.getString("property_location_sealed"),
                rs.getBigDecimal("property_area"));
        return new CounterFetch(rs.getLong("id"), rs.getString("form_key"), rs.getString("requested_by"), rs.getString("org_path"),
                rs.getString("applicant_kind"), rs.getString("subject_index"), rs.getString("subject_sealed"), rs.getString("phone_index"),
                rs.getString("phone_masked"), rs.getString("holder_masked"), instant(rs, "requested_at"), instant(rs, "expires_at"), instant(rs, "used_at"), kind == null ? null : LicenceKind.valueOf(kind),
                retrievalId, rs.getString("licence_no"), fields, rs.getString("file_name"), rs.getString("file_sealed"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp at = rs.getTimestamp(column);
        return at == null ? null : at.toInstant();
    }
}
