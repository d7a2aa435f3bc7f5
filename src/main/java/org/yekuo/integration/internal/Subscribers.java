package org.yekuo.integration.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.yekuo.audit.AuditTrail;
import org.yekuo.identity.CurrentUser;
import org.yekuo.shared.DomainException;
import org.yekuo.shared.PersonalDataCipher;

/**
 * The systems that subscribe to the feed, kept by the system administrator: each gets its own signing key,
 * shown once when it is made (only its sealed form is stored), and can be switched off and on; deliveries
 * to a switched-off subscriber wait. Every change is audited.
 */
@Service
public class Subscribers {

    private static final String CODE = "[A-Z][A-Z0-9_-]{1,39}";

    private final JdbcClient jdbc;
    private final PersonalDataCipher cipher;
    private final AuditTrail audit;
    private final Clock clock;

    Subscribers(JdbcClient jdbc, PersonalDataCipher cipher, AuditTrail audit, Clock clock) {
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.audit = audit;
        this.clock = clock;
    }

    /** What an administrator asks for; {@code eventTypes} empty or null subscribes to every event. */
    public record NewSubscriber(String code, String name, String endpointUrl, List<String> eventTypes) {
    }

    /** A new subscriber with its signing key, which is never shown again. */
    public record Created(Subscriber subscriber, String signingKey) {
    }

    @Transactional
    public Created create(NewSubscriber request, CurrentUser user) {
        String code = request.code() == null ? "" : request.code().strip();
        if (!code.matches(CODE)) {
            throw DomainException.invalid("code", "integration.subscriber.code");
        }
        String name = request.name() == null ? "" : request.name().strip();
        if (name.isEmpty() || name.length() > 100 || name.matches(".*[<>].*")) {
            throw DomainException.invalid("name", "integration.subscriber.name");
        }
        String endpoint = endpoint(request.endpointUrl());
        List<String> types = new ArrayList<>();
        for (String type : request.eventTypes() == null ? List.<String>of() : request.eventTypes()) {
            FeedEventType known = FeedEventType.ofType(type == null ? "" : type.strip())
                    .orElseThrow(() -> DomainException.invalid("eventTypes", "integration.subscriber.event-type", type,
                            String.join(", ", Arrays.stream(FeedEventType.values()).map(FeedEventType::code).toList())));
            if (!types.contains(known.type())) {
                types.add(known.type());
            }
        }
        String key = WebhookSignature.newKey();
        KeyHolder id = new GeneratedKeyHolder();
        try {
            jdbc.sql("""
                    insert into webhook_subscriber (code, name, endpoint_url, secret_cipher, event_types, active, created_by, created_at)
                    values (:code, :name, :url, :secret, :types, true, :by, :at)""")
                    .param("code", code).param("name", name).param("url", endpoint).param("secret", cipher.encrypt(key))
                    .param("types", types.isEmpty() ? "*" : String.join(",", types)).param("by", user.username())
                    .param("at", Timestamp.from(clock.instant()))
                    .update(id, "id");
        } catch (DuplicateKeyException e) {
            throw DomainException.conflict("integration.subscriber.code-taken", code);
        }
        audit.record(IntegrationAudit.SUBSCRIBER_CREATED, "webhook-subscriber", code,
                "endpoint=" + endpoint + " events=" + (types.isEmpty() ? "*" : String.join(",", types)));
        return new Created(get(id.getKeyAs(Number.class).longValue()), key);
    }

    /** Switches a subscriber off (its deliveries wait) or on again. */
    @Transactional
    public Subscriber setActive(long id, boolean active, CurrentUser user) {
        Subscriber subscriber = get(id);
        if (subscriber.active() != active) {
            jdbc.sql("update webhook_subscriber set active = :active where id = :id").param("active", active).param("id", id).update();
            audit.record(active ? IntegrationAudit.SUBSCRIBER_ACTIVATED : IntegrationAudit.SUBSCRIBER_DEACTIVATED,
                    "webhook-subscriber", subscriber.code(), "");
        }
        return get(id);
    }

    public List<Subscriber> all() {
        return jdbc.sql("select * from webhook_subscriber order by code").query(ROW).list();
    }

    public Subscriber get(long id) {
        return jdbc.sql("select * from webhook_subscriber where id = :id").param("id", id).query(ROW).optional()
                .orElseThrow(() -> DomainException.notFound("integration.subscriber.not-found", id));
    }

    /** An absolute http(s) address with a host, no credentials in it, at most 500 characters. */
    private static String endpoint(String value) {
        String url = value == null ? "" : value.strip();
        try {
            URI uri = new URI(url);
            if (url.length() <= 500 && uri.getHost() != null && uri.getUserInfo() == null
                    && ("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme()))) {
                return url;
            }
        } catch (URISyntaxException e) {
            // Answered below like any other unusable address.
        }
        throw DomainException.invalid("endpointUrl", "integration.subscriber.endpoint");
    }

    private static final RowMapper<Subscriber> ROW = (rs, n) -> new Subscriber(rs.getLong("id"), rs.getString("code"),
            rs.getString("name"), rs.getString("endpoint_url"),
            "*".equals(rs.getString("event_types")) ? List.of() : List.of(rs.getString("event_types").split(",")),
            rs.getBoolean("active"), rs.getString("created_by"), rs.getTimestamp("created_at").toInstant());
}
