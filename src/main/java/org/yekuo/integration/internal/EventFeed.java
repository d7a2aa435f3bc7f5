package org.yekuo.integration.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;
import org.yekuo.shared.Paging;

import tools.jackson.databind.json.JsonMapper;

/**
 * The feed's outbox: each event as a CloudEvent (structured JSON, specversion 1.0) and one delivery per active
 * subscriber of its type, written in the caller's transaction. Deliveries are claimed like the SMS outbox's
 * messages (a conditional update that says who won, a lease for a node that dies), and one is due only when
 * every earlier delivery of the same order to the same subscriber has arrived: in order per order.
 */
@Repository
public class EventFeed {

    static final String TYPE_PREFIX = "cn.yekuo.";
    private static final int MAX_ERROR = 500;
    private static final String IN_ORDER = "not exists (select 1 from webhook_delivery p where p.subscriber_id = d.subscriber_id"
            + " and p.order_id = d.order_id and p.id < d.id and p.status <> 'DELIVERED')";
    private static final String ACTIVE = "exists (select 1 from webhook_subscriber s where s.id = d.subscriber_id and s.active = true)";
    private static final String CLAIMABLE = "((d.status = 'PENDING' and d.next_attempt_at <= :now)"
            + " or (d.status = 'SENDING' and d.lease_until <= :now)) and " + IN_ORDER + " and " + ACTIVE;

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final WebhookProperties properties;

    EventFeed(JdbcClient jdbc, JsonMapper json, WebhookProperties properties) {
        this.jdbc = jdbc;
        this.json = json;
        this.properties = properties;
    }

    /**
     * Records an event of {@code type} about an order and queues it for
     * every active subscriber of that type; joins the caller's transaction. Returns the CloudEvent's id.
     */
    String record(FeedEventType type, long orderId, String orderNo, Instant occurredAt, Map<String, Object> data) {
        String eventId = UUID.randomUUID().toString();
        String fullType = type.type();
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("specversion", "1.0");
        event.put("id", eventId);
        event.put("source", properties.source());
        event.put("type", fullType);
        event.put("subject", orderNo);
        event.put("time", occurredAt.toString());
        event.put("datacontenttype", "application/json");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("orderNo", orderNo);
        body.putAll(data);
        event.put("data", body);
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("insert into webhook_event (event_id, event_type, order_id, order_no, occurred_at, body)"
                        + " values (:eventId, :type, :orderId, :orderNo, :at, :body)")
                .param("eventId", eventId).param("type", fullType).param("orderId", orderId).param("orderNo", orderNo)
                .param("at", Timestamp.from(occurredAt)).param("body", json.writeValueAsString(event))
                .update(key, "id");
        long id = key.getKeyAs(Number.class).longValue();
        jdbc.sql("""
                insert into webhook_delivery (subscriber_id, event_id, order_id, status, attempts, next_attempt_at, created_at)
                select s.id, :event, :orderId, 'PENDING', 0, :at, :at from webhook_subscriber s
                where s.active = true and (s.event_types = '*' or concat(concat(',', s.event_types), ',') like :type)""")
                .param("event", id).param("orderId", orderId).param("at", Timestamp.from(occurredAt))
                .param("type", "%," + fullType + ",%").update();
        return eventId;
    }

    /** Deliveries a dispatcher may claim now, oldest first. */
    List<Long> due(Instant now, int limit) {
        return jdbc.sql("select d.id from webhook_delivery d where " + CLAIMABLE + " order by d.next_attempt_at, d.id limit :limit")
                .param("now", Timestamp.from(now)).param("limit", limit).query(Long.class).list();
    }

    /** Claims a delivery for one attempt; empty when another dispatcher was first or an earlier one came due. */
    Optional<Claimed> claim(long id, String token, Instant now, Instant leaseUntil) {
        int claimed = jdbc.sql("update webhook_delivery d set status = 'SENDING', claim_token = :token, lease_until = :lease,"
                        + " attempts = attempts + 1 where d.id = :id and " + CLAIMABLE)
                .param("token", token).param("lease", Timestamp.from(leaseUntil)).param("id", id)
                .param("now", Timestamp.from(now)).update();
        if (claimed == 0) {
            return Optional.empty();
        }
        return jdbc.sql("""
                select d.id, d.attempts, e.event_id, e.body, s.endpoint_url, s.secret_cipher, s.code
                from webhook_delivery d join webhook_event e on e.id = d.event_id join webhook_subscriber s on s.id = d.subscriber_id
                where d.id = :id and d.claim_token = :token""")
                .param("id", id).param("token", token)
                .query((rs, n) -> new Claimed(rs.getLong("id"), rs.getInt("attempts"), rs.getString("event_id"),
                        rs.getString("body"), rs.getString("endpoint_url"), rs.getString("secret_cipher"), rs.getString("code")))
                .optional();
    }

    boolean delivered(long id, String token, int status, Instant at) {
        return jdbc.sql("update webhook_delivery set status = 'DELIVERED', delivered_at = :at, last_status = :status,"
                        + " last_error = null, claim_token = null, lease_until = null"
                        + " where id = :id and claim_token = :token and status = 'SENDING'")
                .param("at", Timestamp.from(at)).param("status", status).param("id", id).param("token", token).update() == 1;
    }

    boolean retryLater(long id, String token, Integer status, String error, Instant next) {
        return jdbc.sql("update webhook_delivery set status = 'PENDING', next_attempt_at = :next, last_status = :status,"
                        + " last_error = :error, claim_token = null, lease_until = null"
                        + " where id = :id and claim_token = :token and status = 'SENDING'")
                .param("next", Timestamp.from(next)).param("status", status).param("error", truncate(error))
                .param("id", id).param("token", token).update() == 1;
    }

    boolean fail(long id, String token, Integer status, String error) {
        return jdbc.sql("update webhook_delivery set status = 'FAILED', last_status = :status, last_error = :error,"
                        + " claim_token = null, lease_until = null where id = :id and claim_token = :token and status = 'SENDING'")
                .param("status", status).param("error", truncate(error)).param("id", id).param("token", token).update() == 1;
    }

    /** Sends a failed or delivered event again with a fresh set of attempts; false if it is waiting anyway. */
    boolean replay(long id, Instant now) {
        return jdbc.sql("update webhook_delivery set status = 'PENDING', attempts = 0, next_attempt_at = :now"
                        + " where id = :id and status in ('FAILED', 'DELIVERED')")
                .param("now", Timestamp.from(now)).param("id", id).update() == 1;
    }

    public Optional<Delivery> find(long id) {
        return jdbc.sql(SELECT + " where d.id = :id").param("id", id).query(DELIVERY).optional();
    }

    /** What the delivery page filters by; each part optional. */
    public record Filter(DeliveryStatus status, Long subscriberId, String orderNo) {
    }

    /** The newest first; without a status every delivery that has not arrived. */
    public Paged<Delivery> page(Filter filter, int page, int size) {
        Paging.check(page, size);
        StringBuilder where = new StringBuilder(filter.status() == null ? " where d.status <> 'DELIVERED'" : " where d.status = :status");
        Map<String, Object> params = new LinkedHashMap<>();
        if (filter.status() != null) {
            params.put("status", filter.status().name());
        }
        if (filter.subscriberId() != null) {
            where.append(" and d.subscriber_id = :subscriber");
            params.put("subscriber", filter.subscriberId());
        }
        if (filter.orderNo() != null && !filter.orderNo().isBlank()) {
            where.append(" and e.order_no = :orderNo");
            params.put("orderNo", filter.orderNo().strip());
        }
        long total = jdbc.sql("select count(*) from webhook_delivery d join webhook_event e on e.id = d.event_id" + where)
                .params(params).query(Long.class).single();
        List<Delivery> rows = jdbc.sql(SELECT + where + " order by d.id desc limit " + size + " offset " + Paging.offset(page, size))
                .params(params).query(DELIVERY).list();
        return new Paged<>(rows, total, page, size);
    }

    /** Deliveries by state for the dashboard: waiting (due or in flight), between failed attempts, failed for good. */
    record Backlog(long waiting, long retrying, long failed) {
    }

    Backlog backlog() {
        return jdbc.sql("""
                select sum(case when status in ('PENDING', 'SENDING') then 1 else 0 end) as waiting,
                       sum(case when status = 'PENDING' and attempts > 0 then 1 else 0 end) as retrying,
                       sum(case when status = 'FAILED' then 1 else 0 end) as failed
                from webhook_delivery where status <> 'DELIVERED'""")
                .query((rs, n) -> new Backlog(rs.getLong("waiting"), rs.getLong("retrying"), rs.getLong("failed"))).single();
    }

    private static String truncate(String error) {
        return error == null || error.length() <= MAX_ERROR ? error : error.substring(0, MAX_ERROR);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp timestamp = rs.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }

    private static final String SELECT = "select d.*, e.event_id as cloud_event_id, e.event_type, e.order_no, e.occurred_at,"
            + " s.code as subscriber_code, s.name as subscriber_name from webhook_delivery d"
            + " join webhook_event e on e.id = d.event_id join webhook_subscriber s on s.id = d.subscriber_id";

    private static final RowMapper<Delivery> DELIVERY = (rs, n) -> new Delivery(rs.getLong("id"), rs.getString("subscriber_code"),
            rs.getString("subscriber_name"), rs.getString("cloud_event_id"), rs.getString("event_type"), rs.getString("order_no"),
            instant(rs, "occurred_at"), DeliveryStatus.valueOf(rs.getString("status")), rs.getInt("attempts"),
            instant(rs, "next_attempt_at"), (Integer) rs.getObject("last_status"), rs.getString("last_error"),
            instant(rs, "delivered_at"));

    /** A delivery this dispatcher holds the lease on, with its subscriber's key still sealed. */
    record Claimed(long id, int attempts, String eventId, String body, String endpointUrl, String secretCipher,
            String subscriberCode) {
    }
}
