package org.yekuo.notification.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.yekuo.shared.PersonalDataCipher;

/**
 * Dispatchers built here run a day ahead of real time, with messages queued a day ahead: the
 * application's own scheduled dispatchers (on real time) leave these messages alone, while these test
 * dispatchers hand anything else they pick up to the real gateway.
 */
@SpringBootTest
@AutoConfigureMockMvc
class SmsDispatcherTests {

    @Autowired
    SmsOutbox outbox;

    @Autowired
    SmsGateway realGateway;

    @Autowired
    PersonalDataCipher cipher;

    @Autowired
    JdbcClient jdbc;

    private final MovableClock clock = new MovableClock(Instant.now().plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.SECONDS));

    @Test
    @DisplayName("R-X-4 two dispatchers on one database, two threads each, send every message exactly once")
    void concurrentDispatchersSendEachMessageOnce() throws Exception {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            ids.add(queue());
        }
        Map<Long, AtomicInteger> sends = new ConcurrentHashMap<>();
        SmsGateway counting = (id, phone, text) -> {
            sends.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
            pause();
        };
        SmsDispatcher first = dispatcher(Set.copyOf(ids), counting, 3);
        SmsDispatcher second = dispatcher(Set.copyOf(ids), counting, 3);
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> runs = new ArrayList<>();
            for (SmsDispatcher dispatcher : List.of(first, first, second, second)) {
                runs.add(pool.submit(() -> {
                    start.await();
                    return dispatcher.dispatchDue();
                }));
            }
            start.countDown();
            for (Future<Integer> run : runs) {
                run.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        for (long id : ids) {
            assertThat(sends.get(id)).as("sends of message %d", id).hasValue(1);
            assertThat(entry(id).status()).isEqualTo(OutboxStatus.SENT);
            assertThat(entry(id).attempts()).isEqualTo(1);
        }
    }

    @Test
    @DisplayName("R-X-4 a failed send is retried with exponential backoff, then sent once it succeeds")
    void failedSendIsRetriedWithBackoff() {
        long id = queue();
        AtomicInteger calls = new AtomicInteger();
        SmsDispatcher dispatcher = dispatcher(Set.of(id), (outboxId, phone, text) -> {
            if (calls.incrementAndGet() <= 2) {
                throw new IllegalStateException("provider busy");
            }
        }, 5);
        Instant start = clock.instant();

        dispatcher.dispatchDue();
        assertThat(entry(id)).satisfies(e -> {
            assertThat(e.status()).isEqualTo(OutboxStatus.PENDING);
            assertThat(e.attempts()).isEqualTo(1);
            assertThat(e.nextAttemptAt()).isEqualTo(start.plusSeconds(10));
            assertThat(e.lastError()).contains("provider busy");
        });

        clock.advance(Duration.ofSeconds(9));
        dispatcher.dispatchDue();
        assertThat(calls).hasValue(1);

        clock.advance(Duration.ofSeconds(1));
        dispatcher.dispatchDue();
        assertThat(calls).hasValue(2);
        assertThat(entry(id).nextAttemptAt()).isEqualTo(start.plusSeconds(10 + 20));

        clock.advance(Duration.ofSeconds(20));
        dispatcher.dispatchDue();
        assertThat(calls).hasValue(3);
        assertThat(entry(id)).satisfies(e -> {
            assertThat(e.status()).isEqualTo(OutboxStatus.SENT);
            assertThat(e.attempts()).isEqualTo(3);
            assertThat(e.sentAt()).isEqualTo(clock.instant());
            assertThat(e.lastError()).isNull();
        });
    }

    @Test
    @DisplayName("R-X-4 after the last attempt a message is FAILED with its error and not tried again")
    void messageFailsAfterMaxAttempts() {
        long id = queue();
        AtomicInteger calls = new AtomicInteger();
        SmsDispatcher dispatcher = dispatcher(Set.of(id), (outboxId, phone, text) -> {
            calls.incrementAndGet();
            throw new IllegalStateException("number unreachable");
        }, 2);
        dispatcher.dispatchDue();
        clock.advance(Duration.ofSeconds(10));
        dispatcher.dispatchDue();
        assertThat(entry(id)).satisfies(e -> {
            assertThat(e.status()).isEqualTo(OutboxStatus.FAILED);
            assertThat(e.attempts()).isEqualTo(2);
            assertThat(e.lastError()).contains("number unreachable");
        });
        clock.advance(Duration.ofDays(1));
        dispatcher.dispatchDue();
        assertThat(calls).hasValue(2);
    }

    @Test
    @DisplayName("R-X-4 a message claimed by a node that died is claimed again once its 30-second lease runs out, and sent once")
    void expiredLeaseIsReclaimed() {
        long id = queue();
        Instant claimedAt = clock.instant();
        assertThat(outbox.claim(id, "node-that-died", claimedAt, claimedAt.plus(Duration.ofSeconds(30)))).isPresent();
        AtomicInteger sends = new AtomicInteger();
        SmsDispatcher survivor = dispatcher(Set.of(id), (outboxId, phone, text) -> sends.incrementAndGet(), 3);

        clock.advance(Duration.ofSeconds(29));
        survivor.dispatchDue();
        assertThat(sends).hasValue(0);
        assertThat(entry(id).status()).isEqualTo(OutboxStatus.SENDING);

        clock.advance(Duration.ofSeconds(2));
        survivor.dispatchDue();
        assertThat(sends).hasValue(1);
        assertThat(entry(id).status()).isEqualTo(OutboxStatus.SENT);
        assertThat(entry(id).attempts()).isEqualTo(2);
        assertThat(outbox.markSent(id, "node-that-died", clock.instant())).as("the dead node's late update").isFalse();
    }

    @Test
    @DisplayName("R-X-4 a message a node handed to the gateway just before it died is not sent again: the gateway says it has it")
    void messageTheGatewayHasIsNotSentAgainAfterTakeover() {
        long handedOver = queue();
        long neverHandedOver = queue();
        Set<Long> atGateway = ConcurrentHashMap.newKeySet();
        AtomicInteger sends = new AtomicInteger();
        SmsGateway gateway = new SmsGateway() {
            @Override
            public void send(long outboxId, String phone, String text) {
                sends.incrementAndGet();
                atGateway.add(outboxId);
            }

            @Override
            public Delivery delivery(long outboxId) {
                return atGateway.contains(outboxId) ? Delivery.ACCEPTED : Delivery.NOT_RECEIVED;
            }
        };
        Instant claimedAt = clock.instant();
        for (long id : List.of(handedOver, neverHandedOver)) {
            assertThat(outbox.claim(id, "node-that-died", claimedAt, claimedAt.plus(Duration.ofSeconds(30)))).isPresent();
        }
        gateway.send(handedOver, "13900000000", "dispatcher test");

        clock.advance(Duration.ofSeconds(31));
        dispatcher(Set.of(handedOver, neverHandedOver), gateway, 3).dispatchDue();

        assertThat(sends).as("the one hand-over before the crash and the message that never got out").hasValue(2);
        assertThat(atGateway).containsExactlyInAnyOrder(handedOver, neverHandedOver);
        assertThat(entry(handedOver).status()).isEqualTo(OutboxStatus.SENT);
        assertThat(entry(neverHandedOver).status()).isEqualTo(OutboxStatus.SENT);
    }

    @Test
    @DisplayName("R-X-4 the local gateway answers from its inbox whether it has a message")
    void localGatewayKnowsWhatItHas() {
        long id = queue();
        assertThat(realGateway.delivery(id)).isEqualTo(SmsGateway.Delivery.NOT_RECEIVED);
        realGateway.send(id, "13900000000", "status test");
        assertThat(realGateway.delivery(id)).isEqualTo(SmsGateway.Delivery.ACCEPTED);
    }

    @Test
    @DisplayName("R-X-4 a lease shorter than twice the gateway's time-out is refused at start, with the reason")
    void leaseMustOutlastAHandOver() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new SmsProperties(SmsProperties.Gateway.HTTP,
                        Duration.ofSeconds(5), 50, 5, Duration.ofSeconds(10), Duration.ofMinutes(30), Duration.ofSeconds(15),
                        new SmsProperties.Http(null, null, Duration.ofSeconds(10), null)))
                .hasMessageContaining("yekuo.sms.lease");
    }

    @Test
    @DisplayName("R-X-4 the local gateway keeps one inbox message per outbox id, however often it is handed over")
    void localGatewayDeduplicatesByOutboxId() {
        long id = queue();
        realGateway.send(id, "13900000000", "same message");
        realGateway.send(id, "13900000000", "same message");
        assertThat(jdbc.sql("select count(*) from sms_inbox where outbox_id = ?").param(id).query(Long.class).single())
                .isEqualTo(1);
    }

    private long queue() {
        MobileNumber phone = new MobileNumber("139" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000)));
        return outbox.add(phone, "test", "dispatcher test", "dispatcher-test", clock.instant());
    }

    private OutboxEntry entry(long id) {
        return outbox.find(id).orElseThrow();
    }

    /** A dispatcher whose gateway is {@code forMine} for this test's messages and the real one for others. */
    private SmsDispatcher dispatcher(Set<Long> mine, SmsGateway forMine, int maxAttempts) {
        SmsGateway gateway = new SmsGateway() {
            @Override
            public void send(long id, String phone, String text) {
                (mine.contains(id) ? forMine : realGateway).send(id, phone, text);
            }

            @Override
            public Delivery delivery(long id) {
                return (mine.contains(id) ? forMine : realGateway).delivery(id);
            }
        };
        SmsProperties properties = new SmsProperties(SmsProperties.Gateway.LOCAL,
                Duration.ofSeconds(5), 500, maxAttempts, Duration.ofSeconds(10), Duration.ofMinutes(30),
                Duration.ofSeconds(30), new SmsProperties.Http(null, null, Duration.ofSeconds(10), null));
        return new SmsDispatcher(outbox, gateway, cipher, properties, clock);
    }

    private static void pause() {
        try {
            Thread.sleep(2);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static final class MovableClock extends Clock {

        private volatile Instant now;

        MovableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneId.of("Asia/Shanghai");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }
    }
}
