package org.yekuo.audit;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.yekuo.shared.Paging;
import org.yekuo.shared.Sm3;

/**
 * Appends to and reads the audit chain. {@link #record} joins the caller's transaction, so a change
 * and its audit record commit or roll back together; {@link #recordSecurityEvent} commits on its
 * own because the request it describes may fail.
 */
@Service
public class AuditTrail {

    static final String SYSTEM_ACTOR = "system";
    /** The link before the first record, as seeded by the migration that creates the chain. */
    static final String GENESIS_HASH = "0".repeat(64);
    private static final int VERIFY_PAGE = 1000;

    private final JdbcClient jdbc;
    private final Clock clock;

    AuditTrail(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Records a successful change made by the current user (or the system) in the caller's transaction. */
    @Transactional(propagation = Propagation.MANDATORY)
    public AuditEntry record(String action, String subjectType, String subjectId, String detail) {
        return append(currentActor(), action, subjectType, subjectId, detail, AuditEntry.Outcome.SUCCESS);
    }

    /** Records a security event (login, lock-out, refused access) in a transaction of its own. */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public AuditEntry recordSecurityEvent(String actor, String action, String subjectId, String detail,
            AuditEntry.Outcome outcome) {
        return append(actor, action, "security", subjectId, detail, outcome);
    }

    private AuditEntry append(String actor, String action, String subjectType, String subjectId, String detail,
            AuditEntry.Outcome outcome) {
        // The head row lock serialises appends: each record links to exactly one predecessor.
        Head head = jdbc.sql("select last_seq, last_hash from audit_chain_head where id = 1 for update")
                .query((rs, n) -> new Head(rs.getLong(1), rs.getString(2))).single();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        AuditEntry unsigned = new AuditEntry(head.seq() + 1, now, actor, action, subjectType, subjectId,
                detail == null ? "" : detail, outcome, head.hash(), null);
        String hash = Sm3.hex(unsigned.canonicalText());
        jdbc.sql("""
                insert into audit_record (seq, occurred_at, actor, action, subject_type, subject_id, detail, outcome, prev_hash, hash)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(unsigned.seq(), Timestamp.from(now), actor, action, subjectType, subjectId, unsigned.detail(),
                        outcome.name(), head.hash(), hash)
                .update();
        jdbc.sql("update audit_chain_head set last_seq = ?, last_hash = ? where id = 1").params(unsigned.seq(), hash).update();
        return new AuditEntry(unsigned.seq(), now, actor, action, subjectType, subjectId, unsigned.detail(), outcome,
                head.hash(), hash);
    }

    /** Walks the whole chain in order and reports the first record whose link or hash is wrong. */
    @Transactional(readOnly = true)
    public ChainVerification verify() {
        String expectedPrev = GENESIS_HASH;
        long expectedSeq = 1;
        long checked = 0;
        while (true) {
            List<AuditEntry> page = jdbc.sql("select * from audit_record where seq >= ? order by seq limit ?")
                    .params(expectedSeq, VERIFY_PAGE).query(ROW).list();
            if (page.isEmpty()) {
                break;
            }
            for (AuditEntry entry : page) {
                if (entry.seq() != expectedSeq) {
                    return ChainVerification.brokenAt(checked, expectedSeq, "missing");
                }
                if (!entry.prevHash().equals(expectedPrev)) {
                    return ChainVerification.brokenAt(checked, entry.seq(), "link");
                }
                if (!Sm3.hex(entry.canonicalText()).equals(entry.hash())) {
                    return ChainVerification.brokenAt(checked, entry.seq(), "hash");
                }
                checked++;
                expectedPrev = entry.hash();
                expectedSeq++;
            }
        }
        long headSeq = jdbc.sql("select last_seq from audit_chain_head where id = 1").query(Long.class).single();
        if (headSeq != checked) {
            return ChainVerification.brokenAt(checked, checked + 1, "missing");
        }
        return ChainVerification.intact(checked);
    }

    @Transactional(readOnly = true)
    public List<AuditEntry> forSubject(String subjectType, String subjectId) {
        return jdbc.sql("select * from audit_record where subject_type = ? and subject_id = ? order by seq")
                .params(subjectType, subjectId).query(ROW).list();
    }

    /** The newest records first that match {@code filter}, for the auditor's page. */
    @Transactional(readOnly = true)
    public AuditPage latest(AuditFilter filter, int page, int size) {
        StringBuilder where = new StringBuilder(" where 1 = 1");
        Map<String, Object> params = new HashMap<>();
        if (filter.subjectType() != null && !filter.subjectType().isBlank()) {
            where.append(" and subject_type = :type");
            params.put("type", filter.subjectType().trim());
        }
        if (filter.actor() != null && !filter.actor().isBlank()) {
            where.append(" and actor = :actor");
            params.put("actor", filter.actor().trim());
        }
        if (filter.from() != null) {
            where.append(" and occurred_at >= :from");
            params.put("from", Timestamp.from(filter.from()));
        }
        if (filter.to() != null) {
            where.append(" and occurred_at < :to");
            params.put("to", Timestamp.from(filter.to()));
        }
        long total = jdbc.sql("select count(*) from audit_record" + where).params(params).query(Long.class).single();
        List<AuditEntry> rows = jdbc.sql("select * from audit_record" + where + " order by seq desc limit :size offset :offset")
                .params(params).param("size", size).param("offset", Paging.offset(page, size)).query(ROW).list();
        return new AuditPage(rows, total, page, size);
    }

    /** The subject types that occur in the log, for the auditor's filter. */
    @Transactional(readOnly = true)
    public List<String> subjectTypes() {
        return jdbc.sql("select distinct subject_type from audit_record").query(String.class).list().stream()
                .sorted().toList();
    }

    private static String currentActor() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        // A visitor of the public pages is "anonymous" to Spring Security: nobody is signed in.
        return authentication == null || !authentication.isAuthenticated()
                || authentication instanceof AnonymousAuthenticationToken ? SYSTEM_ACTOR : authentication.getName();
    }

    private record Head(long seq, String hash) {
    }

    private static final RowMapper<AuditEntry> ROW = (rs, n) -> new AuditEntry(rs.getLong("seq"),
            rs.getTimestamp("occurred_at").toInstant(), rs.getString("actor"), rs.getString("action"),
            rs.getString("subject_type"), rs.getString("subject_id"), rs.getString("detail"),
            AuditEntry.Outcome.valueOf(rs.getString("outcome")), rs.getString("prev_hash"), rs.getString("hash"));
}
