package org.yekuo.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.yekuo.notification.internal.IssuedCodes;
import org.yekuo.shared.DomainException;
import org.yekuo.shared.PersonalDataCipher;

/**
 * SMS verification codes on PostgreSQL, with a clock the test moves. Every test uses its own phone
 * numbers and address, so the shared database's other codes never count against them.
 */
@SpringBootTest
@AutoConfigureMockMvc
class VerificationCodesTests {

    private static final Pattern SIX_DIGITS = Pattern.compile("\\d{6}");

    @Autowired
    IssuedCodes issuedCodes;

    @Autowired
    Notifications notifications;

    @Autowired
    PersonalDataCipher cipher;

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    JdbcClient jdbc;

    private final MovableClock clock = new MovableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));

    private VerificationCodes codes() {
        return new VerificationCodes(issuedCodes, notifications, cipher, transactions, clock);
    }

    @Test
    @DisplayName("6b R-X-3 a code is 6 random digits sent by SMS from its purpose's template; only a keyed hash is stored, "
            + "and the phone only as a blind index")
    void codeIsSentBySmsAndStoredOnlyAsKeyedHash() {
        String phone = newPhone();
        IssuedCode issued = codes().issue(phone, VerificationPurpose.ONLINE_APPLICATION, newAddress());

        assertThat(issued.phoneMasked()).isEqualTo(phone.substring(0, 3) + "****" + phone.substring(7));
        assertThat(issued.expiresAt()).isEqualTo(clock.instant().plus(Duration.ofMinutes(5)));
        String code = lastCode(phone, "verification-online-application");
        Map<String, Object> row = jdbc.sql("select * from verification_code where phone_index = ?")
                .param(cipher.blindIndex(phone)).query().singleRow();
        assertThat(row.get("code_hash").toString()).hasSize(64).doesNotContain(code);
        assertThat(row.values()).allSatisfy(value -> assertThat(String.valueOf(value)).doesNotContain(phone));
        assertThat(row.get("purpose")).isEqualTo("ONLINE_APPLICATION");
    }

    @Test
    @DisplayName("6b a code verifies once: the second use is refused")
    void codeWorksOnlyOnce() {
        String phone = newPhone();
        codes().issue(phone, VerificationPurpose.ONLINE_APPLICATION, newAddress());
        String code = lastCode(phone, "verification-online-application");

        codes().verify(phone, VerificationPurpose.ONLINE_APPLICATION, code);

        assertRefused(() -> codes().verify(phone, VerificationPurpose.ONLINE_APPLICATION, code),
                HttpStatus.UNPROCESSABLE_CONTENT, "code", "online.code.used");
    }

    @Test
    @DisplayName("6b a code works within 5 minutes and is refused as expired from the fifth minute on")
    void codeExpiresAfterFiveMinutes() {
        String phone = newPhone();
        String address = newAddress();
        codes().issue(phone, VerificationPurpose.ONLINE_APPLICATION, address);
        String late = lastCode(phone, "verification-online-application");
        clock.advance(Duration.ofMinutes(5));
        assertRefused(() -> codes().verify(phone, VerificationPurpose.ONLINE_APPLICATION, late),
                HttpStatus.UNPROCESSABLE_CONTENT, "code", "online.code.expired");

        codes().issue(phone, VerificationPurpose.ONLINE_APPLICATION, address);
        String timely = lastCode(phone, "verification-online-application");
        clock.advance(Duration.ofMinutes(5).minusSeconds(1));
        codes().verify(phone, VerificationPurpose.ONLINE_APPLICATION, timely);
    }

    @Test
    @DisplayName("6b a code is bound to its purpose and its phone: it proves nothing else")
    void codeIsBoundToPurposeAndPhone() {
        String phone = newPhone();
        String other = newPhone();
        codes().issue(phone, VerificationPurpose.ONLINE_APPLICATION, newAddress());
        String code = lastCode(phone, "verification-online-application");

        assertRefused(() -> codes().verify(phone, VerificationPurpose.LICENCE_CONSENT, code),
                HttpStatus.UNPROCESSABLE_CONTENT, "code", "online.code.none");
        assertRefused(() -> codes().verify(other, VerificationPurpose.ONLINE_APPLICATION, code),
                HttpStatus.UNPROCESSABLE_CONTENT, "code", "online.code.none");
        codes().verify(phone, VerificationPurpose.ONLINE_APPLICATION, code);
    }

    @Test
    @DisplayName("6b five wrong attempts kill a code: the right one is refused afterwards")
    void wrongAttemptsKillTheCode() {
        String phone = newPhone();
        codes().issue(phone, VerificationPurpose.ONLINE_APPLICATION, newAddress());
        String code = lastCode(phone, "verification-online-application");
        String wrong = code.equals("000000") ? "111111" : "000000";

        for (int attempt = 1; attempt <= 4; attempt++) {
            int left = 5 - attempt;
            assertThatThrownBy(() -> codes().verify(phone, VerificationPurpose.ONLINE_APPLICATION, wrong))
                    .isInstanceOfSatisfying(DomainException.class, e -> {
                        assertThat(e.messageKey()).isEqualTo("online.code.wrong");
                        assertThat(e.arguments()).containsExactly(left);
                    });
        }
        assertRefused(() -> codes().verify(phone, VerificationPurpose.ONLINE_APPLICATION, wrong),
                HttpStatus.UNPROCESSABLE_CONTENT, "code", "online.code.exhausted");
        assertRefused(() -> codes().verify(phone, VerificationPurpose.ONLINE_APPLICATION, code),
                HttpStatus.UNPROCESSABLE_CONTENT, "code", "online.code.exhausted");
    }

    @Test
    @DisplayName("6b a wrong attempt counts even when the caller's transaction is rolled back")
    void wrongAttemptCountsDespiteRollback() {
        String phone = newPhone();
        codes().issue(phone, VerificationPurpose.ONLINE_APPLICATION, newAddress());
        String wrong = lastCode(phone, "verification-online-application").equals("000000") ? "111111" : "000000";

        assertThatThrownBy(() -> new TransactionTemplate(transactions).executeWithoutResult(
                status -> codes().verify(phone, VerificationPurpose.ONLINE_APPLICATION, wrong)))
                .isInstanceOf(DomainException.class);

        assertThat(jdbc.sql("select wrong_attempts from verification_code where phone_index = ?")
                .param(cipher.blindIndex(phone)).query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    @DisplayName("6b a new code replaces the phone's earlier one; a malformed code is refused before any look-up")
    void newCodeReplacesEarlierOne() {
        String phone = newPhone();
        String address = newAddress();
        codes().issue(phone, VerificationPurpose.ONLINE_APPLICATION, address);
        String first = lastCode(phone, "verification-online-application");
        clock.advance(Duration.ofSeconds(60));
        codes().issue(phone, VerificationPurpose.ONLINE_APPLICATION, address);
        String second = lastCode(phone, "verification-online-application");

        assertRefused(() -> codes().verify(phone, VerificationPurpose.ONLINE_APPLICATION, "12345"),
                HttpStatus.UNPROCESSABLE_CONTENT, "code", "online.code.format");
        if (!first.equals(second)) {
            assertRefused(() -> codes().verify(phone, VerificationPurpose.ONLINE_APPLICATION, first),
                    HttpStatus.UNPROCESSABLE_CONTENT, "code", "online.code.wrong");
        }
        codes().verify(phone, VerificationPurpose.ONLINE_APPLICATION, second);
    }

    @Test
    @DisplayName("6b one code a minute and ten a day per phone; a refusal is a 429 naming the phone and when to retry")
    void phoneIsRateLimited() {
        String phone = newPhone();
        String address = newAddress();
        codes().issue(phone, VerificationPurpose.ONLINE_APPLICATION, address);
        clock.advance(Duration.ofSeconds(20));
        assertThatThrownBy(() -> codes().issue(phone, VerificationPurpose.LICENCE_CONSENT, address))
                .isInstanceOfSatisfying(DomainException.class, e -> {
                    assertThat(e.status()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
                    assertThat(e.messageKey()).isEqualTo("online.code.too-soon");
                    assertThat(e.fieldProblems()).extracting(DomainException.FieldProblem::field).containsExactly("phone");
                    assertThat(e.arguments()).containsExactly(40L);
                });

        for (int issued = 2; issued <= 10; issued++) {
            clock.advance(Duration.ofSeconds(60));
            codes().issue(phone, VerificationPurpose.ONLINE_APPLICATION, address);
        }
        clock.advance(Duration.ofSeconds(60));
        assertRefused(() -> codes().issue(phone, VerificationPurpose.ONLINE_APPLICATION, address),
                HttpStatus.TOO_MANY_REQUESTS, "phone", "online.code.phone-limit");
        assertThat(jdbc.sql("select count(*) from verification_code where phone_index = ?").param(cipher.blindIndex(phone))
                .query(Long.class).single()).isEqualTo(10);

        clock.advance(Duration.ofDays(1).minus(Duration.ofSeconds(60 * 10 + 20)).plusSeconds(1));
        codes().issue(phone, VerificationPurpose.ONLINE_APPLICATION, address);
    }

    @Test
    @DisplayName("6b twenty codes an hour per requesting address, whatever the phones; other addresses are not affected")
    void addressIsRateLimited() {
        String address = newAddress();
        for (int i = 0; i < 20; i++) {
            codes().issue(newPhone(), VerificationPurpose.ONLINE_APPLICATION, address);
        }
        assertRefused(() -> codes().issue(newPhone(), VerificationPurpose.ONLINE_APPLICATION, address),
                HttpStatus.TOO_MANY_REQUESTS, "clientIp", "online.code.address-limit");
        codes().issue(newPhone(), VerificationPurpose.ONLINE_APPLICATION, newAddress());

        clock.advance(Duration.ofHours(1));
        codes().issue(newPhone(), VerificationPurpose.ONLINE_APPLICATION, address);
    }

    @Test
    @DisplayName("6b an invalid phone or a missing purpose is refused naming the field, and nothing is sent")
    void invalidInputIsRefused() {
        assertRefused(() -> codes().issue("12345", VerificationPurpose.ONLINE_APPLICATION, newAddress()),
                HttpStatus.UNPROCESSABLE_CONTENT, "phone", "notification.phone.invalid");
        assertRefused(() -> codes().issue(newPhone(), null, newAddress()),
                HttpStatus.UNPROCESSABLE_CONTENT, "purpose", "online.code.purpose");
    }

    private String lastCode(String phone, String template) {
        String body = jdbc.sql("select body from sms_outbox where phone_index = ? and template_code = ? order by id desc limit 1")
                .params(cipher.blindIndex(phone), template).query(String.class).single();
        Matcher matcher = SIX_DIGITS.matcher(body);
        assertThat(matcher.find()).as(body).isTrue();
        return matcher.group();
    }

    private static void assertRefused(ThrowingCallable call, HttpStatus status, String field, String key) {
        assertThatThrownBy(call).isInstanceOfSatisfying(DomainException.class, e -> {
            assertThat(e.status()).isEqualTo(status);
            assertThat(e.messageKey()).isEqualTo(key);
            assertThat(e.fieldProblems()).extracting(DomainException.FieldProblem::field).containsExactly(field);
        });
    }

    static String newPhone() {
        return "19" + String.format("%09d", ThreadLocalRandom.current().nextLong(1_000_000_000L));
    }

    private static String newAddress() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(1, 255);
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
