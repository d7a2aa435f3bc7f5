package org.yekuo.notification.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;
import org.yekuo.shared.Paging;
import org.yekuo.shared.PersonalDataCipher;

/**
 * The SMS outbox table. Every change of a claimed row is conditional on the claim token, and a claim is
 * a conditional update whose count says who won, so any number of dispatchers on any number of nodes
 * can work on one database without sending a message twice.
 */
@Repository
public class SmsOutbox {

    private static final String DUE = "status = 'PENDING' and next_attempt_at <= :now";
    private static final String LEASE_RAN_OUT = "status = 'SENDING' and lease_until <= :now";
    private static final String CLAIMABLE = "((" + DUE + ") or (" + LEASE_RAN_OUT + "))";
    private static final int MAX_ERROR = 500;

    private final JdbcClient jdbc;
    private final PersonalDataCipher cipher;

    SmsOutbox(JdbcClient jdbc, PersonalDataCipher cipher) {
        this.jdbc = jdbc;
        this.cipher = cipher;
    }

    /** Queues a rendered message, due at once; joins the caller's transaction. */
    public long add(MobileNumber phone, String templateCode, String text, String reference, Instant now) {
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("""
                insert into sms_outbox (template_code, body, phone_cipher, phone_index, phone_masked, business_ref,
                                        status, attempts, next_attempt_at, created_at)
                values (:template, :body, :cipher, :phoneIndex, :masked, :ref, 'PENDING', 0, :now, :now)""")
                .param("template", templateCode).param("body", text)
                .param("cipher", cipher.encrypt(phone.digits())).param("phoneIndex", cipher.blindIndex(phone.digits()))
                .param("masked", phone.masked()).param("ref", reference).param("now", Timestamp.from(now))
                .update(key, "id");
        return key.getKeyAs(Number.class).longValue();
    }

    /**
     * Messages a dispatcher may claim now, oldest first: due ones and those whose lease ran out. Each kind
     * is read in order from the status index and cut to the batch before the two are merged, so a poll
     * reads one batch however long the queue has grown (asked with "or", it sorted the whole backlog).
     */
    static final String OLDEST_CLAIMABLE = "select id from (select id, next_attempt_at from (select id, next_attempt_at from sms_outbox"
            + " where " + DUE + " order by next_attempt_at, id limit :limit) d union all select id, next_attempt_at from (select id,"
            + " next_attempt_at from sms_outbox where " + LEASE_RAN_OUT + " order by next_attempt_at, id limit :limit) l) c"
            + " order by next_attempt_at, id limit :limit";

    List<Long> due(Instant now, int limit) {
        return jdbc.sql(OLDEST_CLAIMABLE).param("now", Timestamp.from(now)).param("limit", limit).query(Long.class).list();
    }

    /** Claims a message for one attempt; empty when another dispatcher was first. */
    Optional<ClaimedSms> claim(long id, String token, Instant now, Instant leaseUntil) {
        int claimed = jdbc.sql("update sms_outbox set status = 'SENDING', claim_token = :token, lease_until = :lease,"
                        + " attempts = attempts + 1 where id = :id and " + CLAIMABLE)
                .param("token", token).param("lease", Timestamp.from(leaseUntil)).param("id", id)
                .param("now", Timestamp.from(now)).update();
        if (claimed == 0) {
            return Optional.empty();
        }
        return jdbc.sql("select id, phone_cipher, phone_masked, body, attempts from sms_outbox where id = :id and claim_token = :token")
                .param("id", id).param("token", token)
                .query((rs, n) -> new ClaimedSms(rs.getLong("id"), rs.getString("phone_cipher"),
                        rs.getString("phone_masked"), rs.getString("body"), rs.getInt("attempts")))
                .optional();
    }

    /** False when the lease had passed to another dispatcher meanwhile. */
    boolean markSent(long id, String token, Instant sentAt) {
        return jdbc.sql("update sms_outbox set status = 'SENT', sent_at = :sentAt, last_error = null,"
                        + " claim_token = null, lease_until = null where id = :id and claim_token = :token and status = 'SENDING'")
                .param("sentAt", Timestamp.from(sentAt)).param("id", id).param("token", token).update() == 1;
    }

    boolean retryLater(long id, String token, String error, Instant nextAttempt) {
        return jdbc.sql("update sms_outbox set status = 'PENDING', next_attempt_at = :next, last_error = :error,"
                        + " claim_token = null, lease_until = null where id = :id and claim_token = :token and status = 'SENDING'")
                .param("next", Timestamp.from(nextAttempt)).param("error", truncate(error)).param("id", id)
                .param("token", token).update() == 1;
    }

    boolean fail(long id, String token, String error) {
        return jdbc.sql("update sms_outbox set status = 'FAILED', last_error = :error,"
                        + " claim_token = null, lease_until = null where id = :id and claim_token = :token and status = 'SENDING'")
                .param("error", truncate(error)).param("id", id).param("token", token).update() == 1;
    }

    /** Puts a failed message back in the queue with a fresh set of attempts; false if it was not FAILED. */
    boolean requeueFailed(long id, Instant now) {
        return jdbc.sql("update sms_outbox set status = 'PENDING', attempts = 0, next_attempt_at = :now"
                        + " where id = :id and status = 'FAILED'")
                .param("now", Timestamp.from(now)).param("id", id).update() == 1;
    }

    public Optional<OutboxEntry> find(long id) {
        return jdbc.sql("select * from sms_outbox where id = :id").param("id", id).query(ENTRY).optional();
    }

    /** The newest first; without a status every message not yet sent. */
    public Paged<OutboxEntry> page(Optional<OutboxStatus> status, int page, int size) {
        String where = status.isPresent() ? " where status = :status" : " where status <> 'SENT'";
        String statusName = status.map(Enum::name).orElse(null);
        var count = jdbc.sql("select count(*) from sms_outbox" + where);
        var rows = jdbc.sql("select * from sms_outbox" + where + " order by created_at desc, id desc limit :size offset :offset")
                .param("size", size).param("offset", Paging.offset(page, size));
        if (statusName != null) {
            count = count.param("status", statusName);
            rows = rows.param("status", statusName);
        }
        return new Paged<>(rows.query(ENTRY).list(), count.query(Long.class).single(), page, size);
    }

    private static String truncate(String error) {
        return error == null || error.length() <= MAX_ERROR ? error : error.substring(0, MAX_ERROR);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp timestamp = rs.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }

    private static final RowMapper<OutboxEntry> ENTRY = (rs, n) -> new OutboxEntry(rs.getLong("id"),
            instant(rs, "created_at"), rs.getString("phone_masked"), rs.getString("template_code"),
            rs.getString("business_ref"), OutboxStatus.valueOf(rs.getString("status")), rs.getInt("attempts"),
            instant(rs, "next_attempt_at"), rs.getString("last_error"), instant(rs, "sent_at"));

    /** A message this dispatcher holds the lease on, with its phone still sealed. */
    record ClaimedSms(long id, String phoneCipher, String phoneMasked, String text, int attempts) {
    }
}
