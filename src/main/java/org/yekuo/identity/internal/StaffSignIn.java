package org.yekuo.identity.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.yekuo.audit.AuditEntry.Outcome;
import org.yekuo.audit.AuditTrail;

/**
 * Checks a member of staff's password, at most {@code maxFailedLogins} times in a row (MLPS 2.0: 5
 * failures lock the account for 15 minutes), however many guesses arrive at once.
 * <p>
 * Each attempt first claims a try in one conditional update; only a claimed try checks the password. The
 * claim that reaches the limit locks the account at once, so parallel guesses cannot all pass the check
 * before a failure is counted; a success clears only its own lock, never one a parallel failure took.
 * Unknown, disabled and locked accounts get the same answer after the same work (a hash of the guess
 * against a throw-away hash), so the answer tells nothing about the account. Every attempt is audited, except those
 * {@link SignInThrottle} refuses first because their address failed too often.
 */
@Component
class StaffSignIn implements AuthenticationProvider {

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final AuditTrail audit;
    private final SecurityProperties properties;
    private final StaffDirectory directory;
    private final PasswordEncoder encoder;
    private final CompanySignInProperties companySignIn;
    private final SignInThrottle throttle;
    /** Compared with the guess when no password may be checked, to take as long as a real check. */
    private final String decoyHash;

    StaffSignIn(JdbcClient jdbc, TransactionTemplate tx, Clock clock, AuditTrail audit, SecurityProperties properties,
            StaffDirectory directory, PasswordEncoder encoder, CompanySignInProperties companySignIn, SignInThrottle throttle) {
        this.throttle = throttle;
        this.jdbc = jdbc;
        this.tx = tx;
        this.clock = clock;
        this.audit = audit;
        this.properties = properties;
        this.directory = directory;
        this.encoder = encoder;
        this.companySignIn = companySignIn;
        this.decoyHash = encoder.encode("decoy-" + System.nanoTime());
    }

    @Override
    public Authentication authenticate(Authentication authentication) throws AuthenticationException {
        String username = authentication.getName();
        String guess = authentication.getCredentials() == null ? "" : authentication.getCredentials().toString();
        String from = address(authentication);
        // An address that failed too often is refused before any password is checked, counted against the account or audited.
        Optional<SignInThrottle.Try> counted = throttle.admit(remoteAddress(authentication), username);
        if (!companySignIn.passwordAllowed(username)) {
            // Staff sign in with the company account; only the break-glass accounts keep their passwords.
            encoder.matches(guess, decoyHash);
            audit.recordSecurityEvent(username, IdentityAudit.LOGIN, username, "reason=company-account-required" + from, Outcome.FAILURE);
            throw refused();
        }
        Optional<Claim> claim = claim(username);
        if (claim.isEmpty()) {
            encoder.matches(guess, decoyHash);
            audit.recordSecurityEvent(username, IdentityAudit.LOGIN, username, "reason=not-admitted" + from, Outcome.FAILURE);
            throw refused();
        }
        UserDetails staff;
        try {
            staff = directory.loadUserByUsername(username);
        } catch (UsernameNotFoundException e) {
            throw refused();
        }
        if (!encoder.matches(guess, staff.getPassword())) {
            failed(username, claim.get(), from);
            throw refused();
        }
        succeeded(username, claim.get(), from, staff);
        counted.ifPresent(throttle::succeeded);
        UsernamePasswordAuthenticationToken result = UsernamePasswordAuthenticationToken.authenticated(staff, null,
                staff.getAuthorities());
        result.setDetails(authentication.getDetails());
        return result;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }

    /**
     * Claims one try for an enabled account that is not locked (an expired lock starts a fresh count);
     * empty when none may be made. The try that reaches the limit takes the lock with it.
     */
    Optional<Claim> claim(String username) {
        Instant now = clock.instant();
        Instant lock = now.plus(properties.lockDuration()).truncatedTo(ChronoUnit.MILLIS);
        int max = properties.maxFailedLogins();
        return tx.execute(status -> {
            int claimed = jdbc.sql("""
                    update staff set
                      failed_logins = case when locked_until is null then failed_logins + 1 else 1 end,
                      locked_until = case when (case when locked_until is null then failed_logins + 1 else 1 end) >= :max
                                          then cast(:lock as timestamp with time zone) end
                    where username = :username and enabled
                      and ((locked_until is null and failed_logins < :max) or locked_until <= :now)""")
                    .param("max", max).param("lock", Timestamp.from(lock)).param("username", username)
                    .param("now", Timestamp.from(now)).update();
            if (claimed == 0) {
                return Optional.<Claim>empty();
            }
            // The row stays locked by the update until this transaction ends, so this reads the claim's own values.
            return Optional.of(jdbc.sql("select failed_logins, locked_until from staff where username = ?").param(username)
                    .query((rs, n) -> new Claim(rs.getInt(1), rs.getTimestamp(2))).single());
        });
    }

    private void failed(String username, Claim claim, String from) {
        lockRecorded(username, claim);
        audit.recordSecurityEvent(username, IdentityAudit.LOGIN, username, "reason=bad-credentials" + from, Outcome.FAILURE);
    }

    /** Audits the lock a failed try took, if it took one. */
    void lockRecorded(String username, Claim claim) {
        if (claim.lock() != null) {
            audit.recordSecurityEvent(username, IdentityAudit.ACCOUNT_LOCKED, username,
                    "failures=" + claim.tries() + " minutes=" + properties.lockDuration().toMinutes(), Outcome.FAILURE);
        }
    }

    private void succeeded(String username, Claim claim, String from, UserDetails staff) {
        if (staff instanceof StaffPrincipal principal && principal.secondFactor() != StaffPrincipal.SecondFactorStep.NONE) {
            // Only this try is given back: failures stay counted until the second factor is proven too, so a known password
            // buys no fresh guesses at the code, and five wrong codes lock the account as five wrong passwords do.
            if (claim.lock() == null) {
                jdbc.sql("update staff set failed_logins = failed_logins - 1 where username = ? and locked_until is null and failed_logins > 0")
                        .param(username).update();
            }
            audit.recordSecurityEvent(username, IdentityAudit.LOGIN, username, ("second-factor=due" + from).strip(), Outcome.SUCCESS);
            return;
        }
        cleared(username, claim);
        audit.recordSecurityEvent(username, IdentityAudit.LOGIN, username, from.strip(), Outcome.SUCCESS);
    }

    /** Starts the failure count afresh after a whole sign-in succeeded. */
    void cleared(String username, Claim claim) {
        // A lock that a parallel failure took after this claim stays: its holder has guessed too often.
        if (claim.lock() == null) {
            jdbc.sql("update staff set failed_logins = 0 where username = ? and locked_until is null").param(username).update();
        } else {
            jdbc.sql("update staff set failed_logins = 0, locked_until = null where username = ? and locked_until = ?")
                    .params(username, claim.lock()).update();
        }
    }

    /**
     * Where the attempt came from, as a detail of its audit record: the client's address, which a trusted proxy may
     * name ({@code server.tomcat.remoteip.internal-proxies}); empty when unknown.
     */
    private static String address(Authentication authentication) {
        String address = remoteAddress(authentication);
        return address != null ? " address=" + address : "";
    }

    private static String remoteAddress(Authentication authentication) {
        return authentication.getDetails() instanceof WebAuthenticationDetails web ? web.getRemoteAddress() : null;
    }

    private static BadCredentialsException refused() {
        return new BadCredentialsException("Bad credentials");
    }

    /** One claimed try: the count of tries it made and the lock it took, if it reached the limit. */
    record Claim(int tries, Timestamp lock) {
    }

    /**
     * Sign-in settings: failures before the lock and its length; how long a password lasts (90 days by default) and how
     * many earlier passwords may not be used again (5).
     */
    @ConfigurationProperties("yekuo.security")
    record SecurityProperties(int maxFailedLogins, Duration lockDuration, @DefaultValue("90d") Duration passwordMaxAge,
            @DefaultValue("5") int passwordHistory) {
    }
}
