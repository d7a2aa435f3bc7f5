package org.yekuo.identity.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.yekuo.audit.AuditEntry.Outcome;
import org.yekuo.audit.AuditTrail;

/**
 * Counts failed sign-ins: after {@code maxFailedLogins} in a row the account is locked for
 * {@code lockDuration} (MLPS 2.0: 5 failures, 15 minutes). Every attempt is audited.
 */
@Component
class LoginAttempts {

    private final JdbcClient jdbc;
    private final Clock clock;
    private final AuditTrail audit;
    private final SecurityProperties properties;

    LoginAttempts(JdbcClient jdbc, Clock clock, AuditTrail audit, SecurityProperties properties) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.audit = audit;
        this.properties = properties;
    }

    @EventListener
    @Transactional
    public void onSuccess(AuthenticationSuccessEvent event) {
        String username = event.getAuthentication().getName();
        jdbc.sql("update staff set failed_logins = 0, locked_until = null where username = ?").param(username).update();
        audit.recordSecurityEvent(username, "login", username, "", Outcome.SUCCESS);
    }

    @EventListener
    @Transactional
    public void onFailure(AbstractAuthenticationFailureEvent event) {
        String username = event.getAuthentication().getName();
        String reason = event.getException().getClass().getSimpleName();
        if (event instanceof AuthenticationFailureBadCredentialsEvent) {
            int failures = jdbc.sql("update staff set failed_logins = failed_logins + 1 where username = ?")
                    .param(username).update() == 0 ? 0
                    : jdbc.sql("select failed_logins from staff where username = ?").param(username)
                            .query(Integer.class).single();
            if (failures >= properties.maxFailedLogins()) {
                jdbc.sql("update staff set locked_until = ?, failed_logins = 0 where username = ?")
                        .params(Timestamp.from(clock.instant().plus(properties.lockDuration())), username).update();
                audit.recordSecurityEvent(username, "account-locked", username,
                        "failures=" + failures + " minutes=" + properties.lockDuration().toMinutes(), Outcome.FAILURE);
            }
        }
        audit.recordSecurityEvent(username, "login", username, "reason=" + reason, Outcome.FAILURE);
    }

    @ConfigurationProperties("yekuo.security")
    record SecurityProperties(int maxFailedLogins, Duration lockDuration) {
    }
}
