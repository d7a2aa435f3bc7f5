package org.yekuo.evaluation;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collection;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/** The {@code evaluation} and {@code evaluation_handler} tables. */
@Repository
class Evaluations {

    private final JdbcClient jdbc;

    Evaluations(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long countFromPhoneSince(String phoneIndex, Instant since) {
        return jdbc.sql("select count(*) from evaluation where phone_index = ? and submitted_at >= ?")
                .params(phoneIndex, Invitations.ts(since)).query(Long.class).single();
    }

    long countFromAddressSince(String addressIndex, Instant since) {
        return jdbc.sql("select count(*) from evaluation where address_index = ? and submitted_at >= ?")
                .params(addressIndex, Invitations.ts(since)).query(Long.class).single();
    }

    long add(Invitation invitation, String addressIndex, Rating rating, BigDecimal average, long readingSeconds,
            Set<FraudFlag> flags, Instant now) {
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("""
                insert into evaluation (invitation_id, order_id, order_no, type_code, org_path, phone_index, address_index,
                    timeliness, attitude, communication, average, comment_text, reading_seconds, flags, submitted_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(invitation.id(), invitation.orderId(), invitation.orderNo(), invitation.typeCode(), invitation.orgPath(),
                        invitation.phoneIndex(), addressIndex, rating.timeliness(), rating.attitude(), rating.communication(),
                        average, rating.comment(), (int) Math.min(Integer.MAX_VALUE, readingSeconds),
                        flags.stream().map(Enum::name).sorted().collect(Collectors.joining(",")), Invitations.ts(now))
                .update(key, "id");
        return key.getKey().longValue();
    }

    void addHandlers(long evaluationId, Collection<Handler> handlers) {
        for (Handler handler : handlers) {
            jdbc.sql("insert into evaluation_handler (evaluation_id, node_code, username) values (?, ?, ?)")
                    .params(evaluationId, handler.nodeCode(), handler.username()).update();
        }
    }

    /** Who handled a node of the order. */
    record Handler(String nodeCode, String username) {
    }
}
