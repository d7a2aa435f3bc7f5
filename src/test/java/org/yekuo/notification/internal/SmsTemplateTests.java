package org.yekuo.notification.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.yekuo.shared.DomainException;

class SmsTemplateTests {

    private final SmsTemplate received = new SmsTemplate("received",
            "Application {number} accepted, see {linkBase}/s/{token}");

    @Test
    @DisplayName("R-X-4 a template is rendered from its fixed text, the link host from configuration and a short token")
    void rendersParametersAndConfiguredLinkHost() {
        assertThat(received.parameters()).containsExactly("number", "token");
        assertThat(received.render(Map.of("number", "YK2026-0001", "token", "aB3_x9"), "https://yk.example.cn"))
                .isEqualTo("Application YK2026-0001 accepted, see https://yk.example.cn/s/aB3_x9");
    }

    @Test
    @DisplayName("R-X-4 a missing parameter is refused, naming the parameter")
    void missingParameterIsRefused() {
        assertThatThrownBy(() -> received.render(Map.of("number", "YK2026-0001"), "http://localhost:8080"))
                .isInstanceOfSatisfying(DomainException.class, e -> {
                    assertThat(e.messageKey()).isEqualTo("notification.template.missing-parameter");
                    assertThat(e.fieldProblems()).extracting(DomainException.FieldProblem::field).containsExactly("params.token");
                });
    }

    @Test
    @DisplayName("R-X-4 a parameter the template does not have is refused, the link host included")
    void unknownParameterIsRefused() {
        assertThatThrownBy(() -> received.render(Map.of("number", "1", "token", "abcd", "linkBase", "http://evil.example"),
                "http://localhost:8080"))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.messageKey())
                        .isEqualTo("notification.template.unknown-parameter"));
    }

    @Test
    @DisplayName("R-X-4 links only come from the template: a link in a parameter or a long token is refused")
    void linksInParametersAreRefused() {
        assertThatThrownBy(() -> received.render(Map.of("number", "see http://x.cn", "token", "abcd"), "http://localhost:8080"))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.messageKey())
                        .isEqualTo("notification.template.parameter-link"));
        assertThatThrownBy(() -> received.render(Map.of("number", "1", "token", "a/b?c=d"), "http://localhost:8080"))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.messageKey())
                        .isEqualTo("notification.template.token-invalid"));
        assertThatThrownBy(() -> received.render(Map.of("number", "x".repeat(36), "token", "abcd"), "http://localhost:8080"))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.messageKey())
                        .isEqualTo("notification.template.parameter-too-long"));
    }

    @Test
    @DisplayName("R-X-4 only mainland mobile numbers are accepted, refused with the field named")
    void onlyMainlandMobileNumbers() {
        assertThat(MobileNumber.parse("phone", " 13812345678 ").masked()).isEqualTo("138****5678");
        for (String invalid : new String[] {"12812345678", "1381234567", "138123456789", "+8613812345678", "", null}) {
            assertThatThrownBy(() -> MobileNumber.parse("phone", invalid))
                    .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.fieldProblems())
                            .extracting(DomainException.FieldProblem::field).containsExactly("phone"));
        }
    }

    @Test
    @DisplayName("R-X-4 retries back off exponentially up to a cap")
    void backoffDoublesUpToTheCap() {
        RetryBackoff backoff = new RetryBackoff(Duration.ofSeconds(10), Duration.ofMinutes(1));
        assertThat(backoff.after(1)).isEqualTo(Duration.ofSeconds(10));
        assertThat(backoff.after(2)).isEqualTo(Duration.ofSeconds(20));
        assertThat(backoff.after(3)).isEqualTo(Duration.ofSeconds(40));
        assertThat(backoff.after(4)).isEqualTo(Duration.ofMinutes(1));
        assertThat(backoff.after(100)).isEqualTo(Duration.ofMinutes(1));
    }
}
