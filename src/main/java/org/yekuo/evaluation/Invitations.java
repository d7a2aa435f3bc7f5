package org.yekuo.evaluation;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code evaluation_invitation} table. Claims are conditional updates: a row claimed by one node is
 * invisible to the other nodes' update, so each text goes out once.
 */
@Repository
class Invitations {

    private static final String SELECT = """
            select id, order_id, order_no, type_code, org_path, phone_sealed, phone_index, token, completed_at, invited_at,
                   reminded_at, expires_at, opened_at, answered_at
            from evaluation_invitation""";

    private final JdbcClient jdbc;

    Invitations(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Records the invitation of an order once; a second completion event of the same order adds nothing. */
    boolean add(long orderId, String orderNo, String typeCode, String orgPath, String phoneSealed, String phoneIndex, String token,
            Instant completedAt, Instant sendAfter) {
        return jdbc.sql("""
                insert into evaluation_invitation (order_id, order_no, type_code, org_path, phone_sealed, phone_index, token,
                    completed_at, send_after)
                select ?, ?, ?, ?, ?, ?, ?, ?, ? where not exists (select 1 from evaluation_invitation where order_id = ?)""")
                .params(orderId, orderNo, typeCode, orgPath, phoneSealed, phoneIndex, token, ts(completedAt), ts(sendAfter), orderId)
                .update() == 1;
    }

    Optional<Invitation> find(long id) {
        return jdbc.sql(SELECT + " where id = ?").param(id).query(Invitations::row).optional();
    }

    Optional<Invitation> byToken(String token) {
        return jdbc.sql(SELECT + " where token = ?").param(token).query(Invitations::row).optional();
    }

    Optional<Invitation> byOrder(long orderId) {
        return jdbc.sql(SELECT + " where order_id = ?").param(orderId).query(Invitations::row).optional();
    }

    List<Long> dueToInvite(Instant now, int max) {
        return jdbc.sql("select id from evaluation_invitation where invited_at is null and send_after <= ? order by send_after, id limit ?")
                .params(ts(now), max).query(Long.class).list();
    }

    boolean claimInvitation(long id, Instant now, Instant remindAfter, Instant expiresAt) {
        return jdbc.sql("update evaluation_invitation set invited_at = ?, remind_after = ?, expires_at = ? where id = ? and invited_at is null")
                .params(ts(now), ts(remindAfter), ts(expiresAt), id).update() == 1;
    }

    List<Long> dueForReminder(Instant now, int max) {
        return jdbc.sql("""
                select id from evaluation_invitation
                where reminded_at is null and remind_after <= ? and answered_at is null and expires_at > ?
                order by remind_after, id limit ?""").params(ts(now), ts(now), max).query(Long.class).list();
    }

    boolean claimReminder(long id, Instant now) {
        return jdbc.sql("""
                update evaluation_invitation set reminded_at = ?
                where id = ? and reminded_at is null and answered_at is null and expires_at > ?""")
                .params(ts(now), id, ts(now)).update() == 1;
    }

    /** The first time the page showed the invitation: the start of the customer's reading time. */
    void opened(long id, Instant now) {
        jdbc.sql("update evaluation_invitation set opened_at = ? where id = ? and opened_at is null").params(ts(now), id).update();
    }

    /** Marks the link used; false when another request used it first. */
    boolean answer(long id, Instant now) {
        return jdbc.sql("update evaluation_invitation set answered_at = ? where id = ? and answered_at is null")
                .params(ts(now), id).update() == 1;
    }

    /** Locks the phone's invitations, so that two ratings from one phone are decided one after the other. */
    void lockPhone(String phoneIndex) {
        jdbc.sql("select id from evaluation_invitation where phone_index = ? order by id for update").param(phoneIndex)
                .query(Long.class).list();
    }

    private static Invitation row(ResultSet rs, int n) throws SQLException {
        return new Invitation(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                rs.getString(7), rs.getString(8), instant(rs.getTimestamp(9)), instant(rs.getTimestamp(10)),
                instant(rs.getTimestamp(11)), instant(rs.getTimestamp(12)), instant(rs.getTimestamp(13)),
                instant(rs.getTimestamp(14)));
    }

    static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
