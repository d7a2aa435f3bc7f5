package org.yekuo.notification.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Stores verification codes as keyed hashes, and the throttle rows that serialise issuing per phone and
 * per requesting address across nodes.
 */
@Repository
public class IssuedCodes {

    private final JdbcClient jdbc;

    IssuedCodes(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A code as stored: its hash only. */
    public record StoredCode(long id, String codeHash, Instant expiresAt, int wrongAttempts, Instant usedAt) {
    }

    /** Creates the subject's throttle row if it is missing; call in a transaction of its own. */
    public void ensureThrottle(String subjectIndex) {
        boolean exists = jdbc.sql("select count(*) from verification_throttle where subject_index = ?").param(subjectIndex)
                .query(Long.class).single() > 0;
        if (!exists) {
            try {
                jdbc.sql("insert into verification_throttle (subject_index) values (?)").param(subjectIndex).update();
            } catch (DuplicateKeyException created) {
                // Another request created it a moment ago: that is all this wanted.
            }
        }
    }

    /** Holds the subject's throttle row until the caller's transaction ends. */
    public void lockThrottle(String subjectIndex) {
        jdbc.sql("select subject_index from verification_throttle where subject_index = ? for update").param(subjectIndex)
                .query(String.class).single();
    }

    public List<Instant> issuedToPhoneSince(String phoneIndex, Instant since) {
        return jdbc.sql("select issued_at from verification_code where phone_index = ? and issued_at > ?")
                .params(phoneIndex, Timestamp.from(since)).query((rs, n) -> rs.getTimestamp(1).toInstant()).list();
    }

    public List<Instant> issuedFromAddressSince(String clientIpIndex, Instant since) {
        return jdbc.sql("select issued_at from verification_code where client_ip_index = ? and issued_at > ?")
                .params(clientIpIndex, Timestamp.from(since)).query((rs, n) -> rs.getTimestamp(1).toInstant()).list();
    }

    public void insert(String phoneIndex, String purpose, String codeHash, String clientIpIndex, Instant issuedAt,
            Instant expiresAt) {
        jdbc.sql("""
                insert into verification_code (phone_index, purpose, code_hash, client_ip_index, issued_at, expires_at)
                values (?, ?, ?, ?, ?, ?)""")
                .params(phoneIndex, purpose, codeHash, clientIpIndex, Timestamp.from(issuedAt), Timestamp.from(expiresAt))
                .update();
    }

    /** The phone's newest code for the purpose: a newer code replaces every earlier one. */
    public Optional<StoredCode> latest(String phoneIndex, String purpose) {
        return jdbc.sql("select * from verification_code where phone_index = ? and purpose = ? order by id desc limit 1")
                .params(phoneIndex, purpose)
                .query((rs, n) -> new StoredCode(rs.getLong("id"), rs.getString("code_hash"),
                        rs.getTimestamp("expires_at").toInstant(), rs.getInt("wrong_attempts"),
                        rs.getTimestamp("used_at") == null ? null : rs.getTimestamp("used_at").toInstant()))
                .optional();
    }

    /** Counts a wrong attempt and answers how many the code has had. */
    public int recordWrongAttempt(long id) {
        jdbc.sql("update verification_code set wrong_attempts = wrong_attempts + 1 where id = ?").param(id).update();
        return jdbc.sql("select wrong_attempts from verification_code where id = ?").param(id).query(Integer.class).single();
    }

    /** Uses the code up; false when another request used it first. */
    public boolean markUsed(long id, int maxWrongAttempts, Instant now) {
        return jdbc.sql("update verification_code set used_at = ? where id = ? and used_at is null and wrong_attempts < ?")
                .params(Timestamp.from(now), id, maxWrongAttempts).update() == 1;
    }
}
