package org.yekuo.audit;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.core.Ordered;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.yekuo.shared.Paging;
import org.yekuo.shared.Sm3;

/**
 * Appends to and reads the audit chain. {@link #record} joins the caller's transaction, so a change
 * and its audit record commit or roll back together (the record is appended as the transaction commits); {@link #recordSecurityEvent} commits on its
 * own because the request it describes may fail.
 */
@Service
public class AuditTrail {

    static final String SYSTEM_ACTOR = "system";
    /** The link before the first record, as seeded by the migration that creates the chain. */
    static final String GENESIS_HASH = "0".repeat(64);
    private static final int VERIFY_PAGE = 1000;
    /** Rows per insert statement when a transaction's records are appended (ten parameters each). */
    private static final int INSERT_ROWS = 100;

    private final JdbcClient jdbc;
    private final Clock clock;

    AuditTrail(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * Records a successful change made by the current user (or the system) in the caller's transaction.
     * The record is written when that transaction commits, together with the transaction's other records
     * (see {@link PendingRecords}); a rolled-back change leaves no record.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void record(AuditAction action, String subjectType, String subjectId, String detail) {
        pending().add(currentActor(), action.code(), subjectType, subjectId, detail, AuditEntry.Outcome.SUCCESS,
                clock.instant().truncatedTo(ChronoUnit.MILLIS));
    }

    /**
     * Records a change that happened earlier, by {@code actor} at {@code at}, in the caller's transaction: a history
     * written into Yekuo at once (the demo's past orders). Only {@link AuditBackfill}, which exists only where the demo
     * seeds its history, calls it.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    void recordEarlier(String actor, Instant at, AuditAction action, String subjectType, String subjectId, String detail) {
        pending().add(actor, action.code(), subjectType, subjectId, detail, AuditEntry.Outcome.SUCCESS, at.truncatedTo(ChronoUnit.MILLIS));
    }

    /** Records a security event (login, lock-out, refused access) in a transaction of its own. */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void recordSecurityEvent(String actor, AuditAction action, String subjectId, String detail,
            AuditEntry.Outcome outcome) {
        pending().add(actor, action.code(), "security", subjectId, detail, outcome,
                clock.instant().truncatedTo(ChronoUnit.MILLIS));
    }

    /** The records of the current transaction that wait for its commit; registered with it on first use. */
    private PendingRecords pending() {
        for (TransactionSynchronization synchronization : TransactionSynchronizationManager.getSynchronizations()) {
            if (synchronization instanceof PendingRecords found && found.owner == this) {
                return found;
            }
        }
        PendingRecords created = new PendingRecords(this);
        TransactionSynchronizationManager.registerSynchronization(created);
        return created;
    }

    /**
     * The audit records of one transaction, appended to the chain in one step just before it commits.
     * Appending needs the chain's head row locked (each record links to exactly one predecessor); taking
     * that lock at the first record, as an immediate append would, held it through all the rest of the
     * transaction's work (the engine's, say) and serialised every writer of the product. Locked only
     * here, it is held for one multi-row insert and the commit. It runs after every other before-commit
     * step, so records those steps make are still in it; one made even later is appended at once.
     */
    private static final class PendingRecords implements TransactionSynchronization {

        private final AuditTrail owner;
        private final List<Object[]> records = new ArrayList<>();
        private boolean appended;

        PendingRecords(AuditTrail owner) {
            this.owner = owner;
        }

        void add(String actor, String action, String subjectType, String subjectId, String detail,
                AuditEntry.Outcome outcome, Instant at) {
            records.add(new Object[] {actor, action, subjectType, subjectId, detail == null ? "" : detail, outcome, at});
            if (appended) {
                beforeCommit(false);
            }
        }

        @Override
        public int getOrder() {
            return Ordered.LOWEST_PRECEDENCE;
        }

        @Override
        public void beforeCommit(boolean readOnly) {
            if (!records.isEmpty()) {
                owner.append(records);
                records.clear();
            }
            appended = true;
        }
    }

    private void append(List<Object[]> records) {
        // The head row lock serialises appends: each record links to exactly one predecessor.
        Head head = jdbc.sql("select last_seq, last_hash from audit_chain_head where id = 1 for update")
                .query((rs, n) -> new Head(rs.getLong(1), rs.getString(2))).single();
        long seq = head.seq();
        String prev = head.hash();
        for (int from = 0; from < records.size(); from += INSERT_ROWS) {
            List<Object[]> chunk = records.subList(from, Math.min(records.size(), from + INSERT_ROWS));
            StringBuilder sql = new StringBuilder("insert into audit_record (seq, occurred_at, actor, action, subject_type, "
                    + "subject_id, detail, outcome, prev_hash, hash) values ");
            List<Object> params = new ArrayList<>(chunk.size() * 10);
            for (Object[] r : chunk) {
                AuditEntry.Outcome outcome = (AuditEntry.Outcome) r[5];
                Instant at = (Instant) r[6];
                AuditEntry unsigned = new AuditEntry(++seq, at, (String) r[0], (String) r[1], (String) r[2], (String) r[3],
                        (String) r[4], outcome, prev, null);
                String hash = Sm3.hex(unsigned.canonicalText());
                sql.append(params.isEmpty() ? "" : ", ").append("(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
                params.addAll(List.of(seq, Timestamp.from(at), r[0], r[1], r[2], r[3], r[4], outcome.name(), prev, hash));
                prev = hash;
            }
            jdbc.sql(sql.toString()).params(params).update();
        }
        jdbc.sql("update audit_chain_head set last_seq = ?, last_hash = ? where id = 1").params(seq, prev).update();
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
