package org.yekuo.identity.internal;

import java.util.Set;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.yekuo.identity.Role;
import org.yekuo.identity.internal.StaffPrincipal.SecondFactorStep;

/**
 * Who proves a second factor at sign-in (MLPS 2.0 level 3: administrators and auditors; here also leaders, who approve
 * deadlines and rule on disputes): everyone holding one of {@code yekuo.security.second-factor.roles}, and everyone who
 * enrolled one. The demo seed's accounts are waived so that the demo's printed passwords work, never under the
 * {@code prod} profile.
 */
@Component
class SecondFactorPolicy {

    private final SecondFactorProperties properties;
    private final boolean waiversCount;

    SecondFactorPolicy(SecondFactorProperties properties, Environment environment) {
        this.properties = properties;
        this.waiversCount = !environment.matchesProfiles("prod");
    }

    SecondFactorStep step(Set<Role> roles, boolean waived, boolean enrolled) {
        if (enrolled) {
            return SecondFactorStep.VERIFY;
        }
        boolean required = roles.stream().anyMatch(properties.roles()::contains) && !(waived && waiversCount);
        return required ? SecondFactorStep.ENROL : SecondFactorStep.NONE;
    }

    String issuer() {
        return properties.issuer();
    }

    /** The roles that need a second factor, and the issuer name an authenticator app shows beside the account. */
    @ConfigurationProperties("yekuo.security.second-factor")
    record SecondFactorProperties(@DefaultValue({"ADMIN", "SECURITY_ADMIN", "AUDITOR", "LEADER"}) Set<Role> roles,
            @DefaultValue("Yekuo") String issuer) {
    }
}
