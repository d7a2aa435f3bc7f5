package org.yekuo.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Set;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;
import org.yekuo.identity.Role;
import org.yekuo.identity.internal.SecondFactorPolicy.SecondFactorProperties;
import org.yekuo.identity.internal.StaffPrincipal.SecondFactorStep;

/** ARCHITECTURE 6b: the second factor computes the codes every authenticator app computes, for the accounts that need it. */
class TotpTests {

    /** RFC 6238 appendix B's SHA-1 key, "12345678901234567890", in base32. */
    private static final String RFC_SECRET = Totp.base32("12345678901234567890".getBytes(StandardCharsets.US_ASCII));

    @Test
    @DisplayName("6b codes match RFC 6238's SHA-1 test vectors (their last six digits), 30-second steps")
    void codesMatchTheRfcTestVectors() {
        assertThat(RFC_SECRET).isEqualTo("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
        assertThat(Totp.code(RFC_SECRET, Totp.step(Instant.ofEpochSecond(59)))).isEqualTo("287082");
        assertThat(Totp.code(RFC_SECRET, Totp.step(Instant.ofEpochSecond(1_111_111_109)))).isEqualTo("081804");
        assertThat(Totp.code(RFC_SECRET, Totp.step(Instant.ofEpochSecond(1_234_567_890)))).isEqualTo("005924");
        assertThat(Totp.code(RFC_SECRET, Totp.step(Instant.ofEpochSecond(20_000_000_000L)))).isEqualTo("353130");
        assertThat(Totp.matches(RFC_SECRET, 1, "287082")).isTrue();
        assertThat(Totp.matches(RFC_SECRET, 2, "287082")).isFalse();
    }

    @Test
    @DisplayName("6b a new secret has 160 bits, survives base32 both ways and travels in an otpauth link apps read")
    void secretsAndLinks() {
        String secret = Totp.newSecret();
        assertThat(secret).hasSize(32).matches("[A-Z2-7]+");
        assertThat(Totp.base32(Totp.unbase32(secret))).isEqualTo(secret);
        assertThat(Totp.newSecret()).isNotEqualTo(secret);
        assertThat(Totp.uri("Yekuo 业扩", "li.ming", secret)).isEqualTo("otpauth://totp/Yekuo%20%E4%B8%9A%E6%89%A9:li.ming?secret="
                + secret + "&issuer=Yekuo%20%E4%B8%9A%E6%89%A9&algorithm=SHA1&digits=6&period=30");
        assertThat(Totp.grouped("ABCDEFGHIJ")).isEqualTo("ABCD EFGH IJ");
    }

    @Test
    @DisplayName("6b administrators, security administrators, auditors and leaders enrol; the demo's waiver counts for nothing under prod")
    void whoProvesASecondFactor() {
        SecondFactorProperties roles = new SecondFactorProperties(
                Set.of(Role.ADMIN, Role.SECURITY_ADMIN, Role.AUDITOR, Role.LEADER), "Yekuo");
        SecondFactorPolicy demo = new SecondFactorPolicy(roles, new MockEnvironment());
        MockEnvironment prodEnvironment = new MockEnvironment();
        prodEnvironment.setActiveProfiles("prod");
        SecondFactorPolicy prod = new SecondFactorPolicy(roles, prodEnvironment);

        assertThat(demo.step(Set.of(Role.LEADER), false, false)).isEqualTo(SecondFactorStep.ENROL);
        assertThat(demo.step(Set.of(Role.AUDITOR), false, true)).isEqualTo(SecondFactorStep.VERIFY);
        assertThat(demo.step(Set.of(Role.CLERK), false, false)).isEqualTo(SecondFactorStep.NONE);
        assertThat(demo.step(Set.of(Role.ADMIN), true, false)).isEqualTo(SecondFactorStep.NONE);
        assertThat(demo.step(Set.of(Role.ADMIN), true, true)).as("an enrolled factor is always asked for").isEqualTo(SecondFactorStep.VERIFY);
        assertThat(prod.step(Set.of(Role.ADMIN), true, false)).isEqualTo(SecondFactorStep.ENROL);
    }
}
