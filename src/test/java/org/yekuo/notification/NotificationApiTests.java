package org.yekuo.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Clock;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.yekuo.audit.AuditEntry;
import org.yekuo.audit.AuditTrail;
import org.yekuo.notification.internal.MobileNumber;
import org.yekuo.notification.internal.SmsDispatcher;
import org.yekuo.notification.internal.SmsOutbox;

@SpringBootTest
@AutoConfigureMockMvc
class NotificationApiTests {

    private static final String PASSWORD = "Yekuo@2026";

    @Autowired
    MockMvc mvc;

    @Autowired
    SmsDispatcher dispatcher;

    @Autowired
    SmsOutbox outbox;

    @Autowired
    AuditTrail audit;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Clock clock;

    @Autowired
    org.yekuo.shared.PersonalDataCipher cipher;

    @Test
    @DisplayName("R-X-4 R-X-3 a test SMS is queued (audited), sent once and shown masked in the inbox API and page")
    void testSmsIsSentAndShownMasked() throws Exception {
        String phone = phone();
        String masked = phone.substring(0, 3) + "****" + phone.substring(7);
        String body = mvc.perform(post("/api/notifications/sms/test").with(httpBasic("admin", PASSWORD))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"phone\":\"" + phone + "\"}"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.phoneMasked").value(masked))
                .andExpect(jsonPath("$.templateCode").value("test"))
                .andReturn().getResponse().getContentAsString();
        assertThat(body).doesNotContain(phone);
        long id = Long.parseLong(body.replaceAll(".*\"id\":(\\d+).*", "$1"));
        assertThat(audit.forSubject("sms", String.valueOf(id))).extracting(AuditEntry::action).contains("notification.sms.test");

        dispatcher.dispatchDue();

        String inbox = mvc.perform(get("/api/notifications/sms").param("phone", phone).with(httpBasic("admin", PASSWORD)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.total").value(1))
                .andExpect(jsonPath("$.items[0].outboxId").value(id))
                .andExpect(jsonPath("$.items[0].phoneMasked").value(masked))
                .andExpect(jsonPath("$.items[0].status").value("SENT"))
                .andExpect(jsonPath("$.items[0].attempts").value(1))
                .andReturn().getResponse().getContentAsString();
        assertThat(inbox).doesNotContain(phone);
        assertThat(jdbc.sql("select phone_cipher from sms_inbox where outbox_id = ?").param(id).query(String.class).single())
                .doesNotContain(phone);

        String page = mvc.perform(get("/notifications/sms").param("phone", phone).with(httpBasic("admin", PASSWORD)))
                .andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        // U+5171 ... U+6761: the "total N" line of the zh-CN page.
        assertThat(page).contains(masked).contains("\u5171 1 \u6761").doesNotContain(phone);
        mvc.perform(get("/api/notifications/sms").param("phone", masked).with(httpBasic("admin", PASSWORD)))
                .andExpect(jsonPath("$.items[?(@.outboxId == " + id + ")].phoneMasked").value(masked));
        mvc.perform(get("/api/notifications/sms").param("phone", "12345").with(httpBasic("admin", PASSWORD)))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("phone"));
        mvc.perform(get("/notifications/sms").param("phone", "12345").with(httpBasic("admin", PASSWORD)).header("Accept-Language", "en"))
                .andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("The phone filter is not valid: enter the last 1 to 4 digits")));
    }

    @Test
    @DisplayName("R-X-3 6b a verification code reaches the inbox masked: neither the inbox API nor its page shows the digits")
    void verificationCodesAreMaskedInTheInbox() throws Exception {
        String phone = phone();
        mvc.perform(post("/api/public/verification-codes").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"phone\":\"" + phone + "\",\"purpose\":\"ONLINE_APPLICATION\"}"))
                .andExpect(status().isCreated());
        dispatcher.dispatchDue();
        String sent = jdbc.sql("select body from sms_outbox where phone_index = ? order by id desc limit 1")
                .param(cipher.blindIndex(phone)).query(String.class).single();
        String code = sent.replaceAll("(?s).*?(\\d{6}).*", "$1");
        assertThat(code).matches("\\d{6}");

        String inbox = mvc.perform(get("/api/notifications/sms").param("phone", phone).with(httpBasic("admin", PASSWORD)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items[0].text").value(org.hamcrest.Matchers.containsString("******")))
                .andReturn().getResponse().getContentAsString();
        String page = mvc.perform(get("/notifications/sms").param("phone", phone).with(httpBasic("admin", PASSWORD)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(inbox).doesNotContain(code);
        assertThat(page).doesNotContain(code);
    }

    @Test
    @DisplayName("R-X-4 a test SMS to an invalid number is refused, naming the field, in Chinese and in English")
    void invalidPhoneIsRefusedNamingTheField() throws Exception {
        mvc.perform(post("/api/notifications/sms/test").with(httpBasic("admin", PASSWORD))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"phone\":\"12345\"}"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
                .andExpect(jsonPath("$.errors[0].field").value("phone"))
                .andExpect(jsonPath("$.errors[0].message").value(org.hamcrest.Matchers.containsString("11")));
        mvc.perform(post("/api/notifications/sms/test").with(httpBasic("admin", PASSWORD)).header("Accept-Language", "en")
                        .contentType(MediaType.APPLICATION_JSON).content("{\"phone\":\"12345\"}"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("phone"))
                .andExpect(jsonPath("$.errors[0].message").value(org.hamcrest.Matchers.startsWith("The mobile number is not valid")));
    }

    @Test
    @DisplayName("R-X-4 R-X-2 an administrator retries a FAILED message through the API, audited; other states are refused")
    void failedMessageIsRetriedThroughTheApi() throws Exception {
        long id = failedMessage();
        mvc.perform(get("/api/notifications/outbox").param("status", "FAILED").param("size", "100").with(httpBasic("admin", PASSWORD)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items[?(@.id == " + id + ")].lastError").value("provider said no"));
        mvc.perform(post("/api/notifications/outbox/{id}/retry", id).with(httpBasic("admin", PASSWORD)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("PENDING"))
                .andExpect(jsonPath("$.attempts").value(0));
        assertThat(audit.forSubject("sms", String.valueOf(id))).extracting(AuditEntry::action).containsExactly("notification.sms.retry");
        mvc.perform(post("/api/notifications/outbox/{id}/retry", id).with(httpBasic("admin", PASSWORD)))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.code").value("notification.outbox.not-failed"));
    }

    @Test
    @DisplayName("R-X-4 the outbox page lists a FAILED message with its error and retries it")
    void failedMessageIsRetriedOnThePage() throws Exception {
        long id = failedMessage();
        mvc.perform(get("/notifications/sms").param("view", "outbox").param("status", "FAILED").with(httpBasic("admin", PASSWORD)))
                .andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("provider said no")))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("/notifications/sms/outbox/" + id + "/retry")));
        mvc.perform(post("/notifications/sms/outbox/{id}/retry", id).with(httpBasic("admin", PASSWORD)).with(csrf()))
                .andExpect(redirectedUrl("/notifications/sms?view=outbox"))
                .andExpect(flash().attribute("noticeKey", "notification.page.retried"));
        assertThat(outbox.find(id).orElseThrow().status().name()).isEqualTo("PENDING");
        assertThat(audit.forSubject("sms", String.valueOf(id))).extracting(AuditEntry::action).containsExactly("notification.sms.retry");
        mvc.perform(post("/notifications/sms/outbox/{id}/retry", id).with(httpBasic("admin", PASSWORD)).with(csrf())
                        .header("Accept-Language", "en"))
                .andExpect(redirectedUrl("/notifications/sms?view=outbox"))
                .andExpect(flash().attribute("refusal", "SMS " + id + " has not failed: only failed messages can be retried"));
    }

    @Test
    @DisplayName("R-X-2 only administrators see SMS, on the API and on the page")
    void onlyAdministratorsSeeSms() throws Exception {
        mvc.perform(get("/api/notifications/sms").with(httpBasic("clerk", PASSWORD))).andExpect(status().isForbidden());
        mvc.perform(post("/api/notifications/sms/test").with(httpBasic("clerk", PASSWORD))
                .contentType(MediaType.APPLICATION_JSON).content("{\"phone\":\"13812345678\"}")).andExpect(status().isForbidden());
        mvc.perform(get("/notifications/sms").with(httpBasic("clerk", PASSWORD))).andExpect(status().isForbidden());
    }

    private long failedMessage() {
        long id = outbox.add(new MobileNumber(phone()), "test", "failed message", "api-test", clock.instant());
        jdbc.sql("update sms_outbox set status = 'FAILED', attempts = 5, last_error = 'provider said no' where id = ?")
                .param(id).update();
        return id;
    }

    private static String phone() {
        return "136" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
    }
}
