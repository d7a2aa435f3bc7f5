package org.yekuo.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.support.TransactionTemplate;
import org.yekuo.audit.AuditTrail;
import org.yekuo.shared.DomainException;
import org.yekuo.shared.Masking;
import org.yekuo.shared.PersonalDataCipher;

@SpringBootTest
@AutoConfigureMockMvc
class NotificationsTests {

    private static final Map<String, String> TEST_PARAMS = Map.of("time", "2026-03-02 09:30");

    @Autowired
    Notifications notifications;

    @Autowired
    AuditTrail audit;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    PersonalDataCipher cipher;

    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void resetLocale() {
        LocaleContextHolder.resetLocaleContext();
    }

    @Test
    @DisplayName("R-X-4 an SMS is queued in the business transaction and exists once that transaction commits")
    void smsCommitsWithTheBusinessChange() {
        String reference = unique();
        String phone = phone();
        SmsId id = transactions.execute(status -> {
            audit.record(() -> "test.business-change", "test", reference, "a change that notifies");
            return notifications.sms(phone, "test", TEST_PARAMS, reference);
        });
        assertThat(jdbc.sql("select id from sms_outbox where business_ref = ?").param(reference).query(Long.class).list())
                .containsExactly(id.value());
    }

    @Test
    @DisplayName("R-X-4 when the business transaction rolls back, no SMS is left to send")
    void smsRollsBackWithTheBusinessChange() {
        String reference = unique();
        assertThatThrownBy(() -> transactions.executeWithoutResult(status -> {
            notifications.sms(phone(), "test", TEST_PARAMS, reference);
            throw new IllegalStateException("the business rule refused the change");
        })).hasMessageContaining("business rule");
        assertThat(jdbc.sql("select count(*) from sms_outbox where business_ref = ?").param(reference).query(Long.class).single())
                .isZero();
    }

    @Test
    @DisplayName("R-X-4 an SMS cannot be queued outside a business transaction")
    void smsNeedsATransaction() {
        assertThatThrownBy(() -> notifications.sms(phone(), "test", TEST_PARAMS, unique()))
                .isInstanceOf(IllegalTransactionStateException.class);
    }

    @Test
    @DisplayName("R-X-3 the phone is stored sealed and blind-indexed, the column does not contain the number")
    void phoneIsStoredEncrypted() {
        String phone = phone();
        SmsId id = transactions.execute(status -> notifications.sms(phone, "test", TEST_PARAMS, unique()));
        Map<String, Object> row = jdbc.sql("select phone_cipher, phone_index, phone_masked from sms_outbox where id = ?")
                .param(id.value()).query().singleRow();
        assertThat((String) row.get("phone_cipher")).doesNotContain(phone).doesNotContain(phone.substring(3, 7));
        assertThat(cipher.decrypt((String) row.get("phone_cipher"))).isEqualTo(phone);
        assertThat(row.get("phone_index")).isEqualTo(cipher.blindIndex(phone));
        assertThat(row.get("phone_masked")).isEqualTo(Masking.mobile(phone));
    }

    @Test
    @DisplayName("R-X-4 the text is the approved zh-CN template whatever the caller's language")
    void textIsRenderedInChinese() {
        LocaleContextHolder.setLocale(Locale.ENGLISH);
        SmsId id = transactions.execute(status -> notifications.sms(phone(), "test", TEST_PARAMS, unique()));
        String body = jdbc.sql("select body from sms_outbox where id = ?").param(id.value()).query(String.class).single();
        // U+6D4B U+8BD5 U+77ED U+4FE1: "test SMS" as the zh-CN bundle words it.
        assertThat(body).contains("\u6d4b\u8bd5\u77ed\u4fe1").contains("2026-03-02 09:30").doesNotContain("{time}");
    }

    @Test
    @DisplayName("R-X-4 an unknown template or a missing parameter is refused and nothing is queued")
    void unapprovedMessagesAreRefused() {
        String reference = unique();
        assertThatThrownBy(() -> transactions.executeWithoutResult(
                status -> notifications.sms(phone(), "free-text", Map.of(), reference)))
                .isInstanceOfSatisfying(DomainException.class, e -> {
                    assertThat(e.messageKey()).isEqualTo("notification.template.unknown");
                    assertThat(e.fieldProblems().get(0).field()).isEqualTo("templateCode");
                });
        assertThatThrownBy(() -> transactions.executeWithoutResult(
                status -> notifications.sms(phone(), "test", Map.of(), reference)))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.fieldProblems().get(0).field())
                        .isEqualTo("params.time"));
        assertThat(jdbc.sql("select count(*) from sms_outbox where business_ref = ?").param(reference).query(Long.class).single())
                .isZero();
    }

    private static String unique() {
        return "notify-" + UUID.randomUUID();
    }

    private static String phone() {
        return "137" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
    }
}
