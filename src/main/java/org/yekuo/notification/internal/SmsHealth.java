package org.yekuo.notification.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.yekuo.shared.Sampled;

/**
 * The SMS gateway as operations see it, from the outbox: how many messages wait, how many are between failed
 * attempts, how many failed for good, and how long the oldest due one has waited. A gateway that takes no
 * message for {@code STALE} reads DEGRADED: the node still serves (the outbox keeps every message), so it
 * stays ready, but the probe and the dashboard say that customers are not being texted.
 */
@Component("smsGatewayHealthIndicator")
class SmsHealth implements HealthIndicator, MeterBinder {

    static final Status DEGRADED = new Status("DEGRADED", "messages wait longer than expected for the gateway");
    private static final Duration STALE = Duration.ofMinutes(10);

    private final Sampled<Queue> queue;
    private final SmsProperties properties;
    private final Clock clock;

    SmsHealth(JdbcClient jdbc, SmsProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
        this.queue = new Sampled<>(() -> jdbc.sql("""
                select sum(case when status in ('PENDING', 'SENDING') then 1 else 0 end) as waiting,
                       sum(case when status = 'PENDING' and attempts > 0 then 1 else 0 end) as retrying,
                       sum(case when status = 'FAILED' then 1 else 0 end) as failed,
                       min(case when status = 'PENDING' then next_attempt_at end) as oldest_due
                from sms_outbox where status <> 'SENT'""")
                .query((rs, n) -> {
                    Timestamp oldest = rs.getTimestamp("oldest_due");
                    return new Queue(rs.getLong("waiting"), rs.getLong("retrying"), rs.getLong("failed"),
                            oldest == null ? null : oldest.toInstant());
                }).single(), Duration.ofSeconds(10), clock);
    }

    record Queue(long waiting, long retrying, long failed, Instant oldestDue) {
    }

    @Override
    public Health health() {
        Queue now = queue.get();
        long waitedSeconds = now.oldestDue() == null ? 0
                : Math.max(0, Duration.between(now.oldestDue(), clock.instant()).toSeconds());
        Health.Builder health = waitedSeconds > STALE.toSeconds() ? Health.status(DEGRADED) : Health.up();
        return health.withDetail("gateway", properties.gateway().name().toLowerCase())
                .withDetail("waiting", now.waiting()).withDetail("retrying", now.retrying())
                .withDetail("failed", now.failed()).withDetail("oldestDueWaitedSeconds", waitedSeconds).build();
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        String description = "SMS in the outbox by state: waiting to be sent, between failed attempts, failed for good";
        Gauge.builder("yekuo.sms.queue", queue, q -> q.get().waiting()).tag("state", "waiting").description(description).register(registry);
        Gauge.builder("yekuo.sms.queue", queue, q -> q.get().retrying()).tag("state", "retrying").description(description).register(registry);
        Gauge.builder("yekuo.sms.queue", queue, q -> q.get().failed()).tag("state", "failed").description(description).register(registry);
    }
}
