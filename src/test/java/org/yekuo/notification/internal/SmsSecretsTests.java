package org.yekuo.notification.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

import tools.jackson.databind.json.JsonMapper;

/** R-X-3 6b: codes never appear in clear to anyone, and the local gateway never stands in for customers in production. */
class SmsSecretsTests {

    @Test
    @DisplayName("R-X-3 6b the inbox masks a verification code and a link's token, and keeps the order number readable")
    void inboxMasksCodesAndLinkTokens() {
        assertThat(SmsSecrets.masked("verification-online-application", "【业扩】验证码 482913，5 分钟内有效，用于在线申请用电。"))
                .isEqualTo("【业扩】验证码 ******，5 分钟内有效，用于在线申请用电。");
        assertThat(SmsSecrets.masked("application-received",
                "【业扩】您的用电申请 YK-2026-000123 已受理，办理进度请查看 https://yekuo.example/s/Ab3dEfGh_iJkLmNoPqRsTuVw"))
                .isEqualTo("【业扩】您的用电申请 YK-2026-000123 已受理，办理进度请查看 https://yekuo.example/s/Ab3d****");
        assertThat(SmsSecrets.masked("evaluation-invitation", "诚邀您评价：http://localhost:8080/e/zzzzYYYYxxxx-_12"))
                .isEqualTo("诚邀您评价：http://localhost:8080/e/zzzz****");
        assertThat(SmsSecrets.masked("test", "测试短信：发送时间 2026-12-07 08:30。")).isEqualTo("测试短信：发送时间 2026-12-07 08:30。");
    }

    @Test
    @DisplayName("R-X-3 6b the local gateway is refused under the prod profile; elsewhere it is the default")
    void localGatewayIsRefusedUnderProd() {
        SmsProperties local = new SmsProperties(SmsProperties.Gateway.LOCAL, Duration.ofSeconds(5), 50, 5, Duration.ofSeconds(10),
                Duration.ofMinutes(30), Duration.ofMinutes(2), new SmsProperties.Http(null, null, Duration.ofSeconds(10), null));
        MockEnvironment prod = new MockEnvironment();
        prod.setActiveProfiles("prod");

        assertThatThrownBy(() -> new SmsGatewayConfiguration().smsGateway(local, null, JsonMapper.builder().build(), prod))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("prod");
        assertThat(new SmsGatewayConfiguration().smsGateway(local, null, JsonMapper.builder().build(), new MockEnvironment()))
                .isInstanceOf(LocalSmsGateway.class);
    }
}
