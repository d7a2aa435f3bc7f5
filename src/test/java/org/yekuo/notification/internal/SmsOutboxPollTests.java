package org.yekuo.notification.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A dispatcher polls the outbox every few seconds on every node, and the outbox only grows: a poll must cost
 * one batch, not the backlog. The backlog here lives in a transaction that is rolled back, two days ahead of
 * real time so that the application's own dispatchers would leave it alone even if they could see it.
 */
@SpringBootTest
@AutoConfigureMockMvc
class SmsOutboxPollTests {

    private static final int BATCH = 10;
    private static final Pattern ACTUAL_ROWS = Pattern.compile("actual time=\\S+ rows=(\\d+)");

    @Autowired
    SmsOutbox outbox;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    @Test
    @DisplayName("R-X-4 a dispatcher's poll reads one batch of a backlog of 500, lapsed leases and due messages oldest first")
    void pollReadsOneBatchOfTheBacklog() {
        Timestamp now = Timestamp.from(Instant.now().plus(Duration.ofDays(2)).truncatedTo(ChronoUnit.SECONDS));
        transactions.executeWithoutResult(status -> {
            status.setRollbackOnly();
            jdbc.sql("""
                    insert into sms_outbox (template_code, body, phone_cipher, phone_index, phone_masked, status, attempts,
                                            next_attempt_at, created_at)
                    select 'poll-test', 'text', 'sealed', 'index', '138****0000', 'PENDING', 0, cast(:now as timestamp with time zone) - n * interval '1 second', :now
                    from generate_series(1, 500) n""").param("now", now).update();
            // Messages a dead node held: older than anything else, so they lead the batch.
            List<Long> lapsed = jdbc.sql("""
                    insert into sms_outbox (template_code, body, phone_cipher, phone_index, phone_masked, status, attempts,
                                            next_attempt_at, lease_until, claim_token, created_at)
                    select 'poll-test', 'text', 'sealed', 'index', '138****0000', 'SENDING', 1,
                           timestamp with time zone '2000-01-01 00:00:00+08' + n * interval '1 second', :now, 'dead-node', :now
                    from generate_series(1, 3) n
                    returning id""").param("now", now).query(Long.class).list();

            List<Long> batch = outbox.due(now.toInstant(), BATCH);
            assertThat(batch).hasSize(BATCH);
            assertThat(batch.subList(0, 3)).containsExactlyElementsOf(lapsed);

            // Asked of a planner that may only read indexes, so that the answer does not depend on how few
            // rows the test database had when it was last analysed.
            for (String setting : List.of("enable_seqscan", "enable_bitmapscan")) {
                jdbc.sql("set local " + setting + " = off").update();
            }
            String plan = String.join("\n", jdbc.sql("explain analyze " + SmsOutbox.OLDEST_CLAIMABLE).param("now", now)
                    .param("limit", BATCH).query(String.class).list());
            Matcher rows = ACTUAL_ROWS.matcher(plan);
            while (rows.find()) {
                assertThat(Integer.parseInt(rows.group(1))).as("rows of a step of\n%s", plan).isLessThanOrEqualTo(2 * BATCH);
            }
        });
    }
}
