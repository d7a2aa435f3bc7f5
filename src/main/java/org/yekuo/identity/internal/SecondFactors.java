package org.yekuo.identity.internal;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.yekuo.audit.AuditEntry.Outcome;
import org.yekuo.audit.AuditTrail;
import org.yekuo.shared.PersonalDataCipher;

/**
 * The second factor of a sign-in (TOTP, RFC 6238): enrolled with an authenticator app on the first sign-in that needs
 * it and confirmed by a first code, then proven at every sign-in by a code of the current 30-second step or the one
 * before or after (a phone's clock may be off by that much). A code is accepted once: the step of the last accepted
 * code is kept and only a later one passes, so a code seen over a shoulder or in a log is worth nothing. Ten one-time
 * recovery codes stand in for a lost phone; they are shown once and kept as keyed hashes. Wrong codes count toward the
 * account's lock-out like wrong passwords ({@link StaffSignIn}). The secret is sealed like personal data.
 */
@Service
public class SecondFactors {

    static final int RECOVERY_CODES = 10;
    private static final String RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final PersonalDataCipher cipher;
    private final Clock clock;
    private final AuditTrail audit;
    private final StaffSignIn signIn;
    private final SecondFactorPolicy policy;

    SecondFactors(JdbcClient jdbc, PersonalDataCipher cipher, Clock clock, AuditTrail audit, StaffSignIn signIn,
            SecondFactorPolicy policy) {
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.clock = clock;
        this.audit = audit;
        this.signIn = signIn;
        this.policy = policy;
    }

    /** What an authenticator app needs to enrol: the secret (also as text to type in) and the link its QR code carries. */
    public record Enrolment(String secret, String groupedSecret, String uri) {
    }

    /** The result of a code or recovery code entered at sign-in. */
    public enum Proof {
        /** Proven: the sign-in goes on. */
        PROVEN,
        /** Wrong, already used or out of the time window: counted toward the lock-out. */
        WRONG,
        /** The account is locked (now or already): the sign-in ends. */
        LOCKED
    }

    /**
     * The secret to enrol, the same until it is confirmed, so that reloading the page does not invalidate what the app
     * already scanned.
     */
    @Transactional
    public Enrolment enrolment(Authentication signedIn) {
        StaffPrincipal staff = principal(signedIn);
        String sealed = jdbc.sql("select secret_sealed from staff_second_factor where staff_id = ? and confirmed_at is null")
                .param(staff.id()).query(String.class).optional().orElse(null);
        String secret;
        if (sealed == null) {
            secret = Totp.newSecret();
            // A confirmed factor is never replaced here: that takes a security administrator's reset.
            jdbc.sql("delete from staff_second_factor where staff_id = ? and confirmed_at is null").param(staff.id()).update();
            jdbc.sql("insert into staff_second_factor (staff_id, secret_sealed) values (?, ?)").params(staff.id(), cipher.encrypt(secret))
                    .update();
        } else {
            secret = cipher.decrypt(sealed);
        }
        return new Enrolment(secret, Totp.grouped(secret), Totp.uri(policy.issuer(), staff.getUsername(), secret));
    }

    /** A confirmed enrolment comes with its ten recovery codes, shown this once. */
    public record Confirmation(Proof proof, List<String> recoveryCodes) {
    }

    /**
     * Confirms the enrolment with a first code from the app (a wrong one counts like a wrong password). Nothing is
     * rolled back on a wrong code: the try it claimed must stay counted.
     */
    @Transactional
    public Confirmation confirm(Authentication signedIn, String code) {
        StaffPrincipal staff = principal(signedIn);
        String secret = jdbc.sql("select secret_sealed from staff_second_factor where staff_id = ? and confirmed_at is null")
                .param(staff.id()).query(String.class).optional().map(cipher::decrypt)
                .orElseThrow(() -> new IllegalStateException("No enrolment waits for " + staff.getUsername()));
        Proof proof = prove(staff, secret, code, IdentityAudit.SECOND_FACTOR_ENROLLED);
        if (proof != Proof.PROVEN) {
            return new Confirmation(proof, List.of());
        }
        jdbc.sql("update staff_second_factor set confirmed_at = ? where staff_id = ?")
                .params(Timestamp.from(clock.instant()), staff.id()).update();
        return new Confirmation(proof, newRecoveryCodes(staff.id()));
    }

    /** Whether an enrolment waits for its first code (else the member of staff enrolled already). */
    public boolean enrolmentOpen(Authentication signedIn) {
        return jdbc.sql("select count(*) from staff_second_factor where staff_id = ? and confirmed_at is not null")
                .param(principal(signedIn).id()).query(Integer.class).single() == 0;
    }

    /** Proves the second factor of a sign-in with a code from the enrolled app. */
    @Transactional
    public Proof verify(Authentication signedIn, String code) {
        StaffPrincipal staff = principal(signedIn);
        String secret = jdbc.sql("select secret_sealed from staff_second_factor where staff_id = ? and confirmed_at is not null")
                .param(staff.id()).query(String.class).optional().map(cipher::decrypt)
                .orElseThrow(() -> new IllegalStateException("No second factor enrolled for " + staff.getUsername()));
        return prove(staff, secret, code, IdentityAudit.SECOND_FACTOR);
    }

    /** Proves the second factor with one of the recovery codes, which is used up by it; tells how many remain. */
    @Transactional
    public Proof recover(Authentication signedIn, String recoveryCode) {
        StaffPrincipal staff = principal(signedIn);
        Optional<StaffSignIn.Claim> claim = signIn.claim(staff.getUsername());
        if (claim.isEmpty()) {
            audit.recordSecurityEvent(staff.getUsername(), IdentityAudit.SECOND_FACTOR_RECOVERY, staff.getUsername(), "reason=locked", Outcome.FAILURE);
            return Proof.LOCKED;
        }
        String normalised = recoveryCode == null ? "" : recoveryCode.replaceAll("[\\s-]", "").toLowerCase(Locale.ROOT);
        int used = normalised.isEmpty() ? 0 : jdbc.sql("""
                update staff_recovery_code set used_at = ? where staff_id = ? and code_hash = ? and used_at is null""")
                .params(Timestamp.from(clock.instant()), staff.id(), cipher.blindIndex(normalised)).update();
        if (used == 0) {
            signIn.lockRecorded(staff.getUsername(), claim.get());
            audit.recordSecurityEvent(staff.getUsername(), IdentityAudit.SECOND_FACTOR_RECOVERY, staff.getUsername(), "reason=wrong-code",
                    Outcome.FAILURE);
            return claim.get().lock() != null ? Proof.LOCKED : Proof.WRONG;
        }
        signIn.cleared(staff.getUsername(), claim.get());
        audit.recordSecurityEvent(staff.getUsername(), IdentityAudit.SECOND_FACTOR_RECOVERY, staff.getUsername(),
                "remaining=" + remainingRecoveryCodes(staff.id()), Outcome.SUCCESS);
        return Proof.PROVEN;
    }

    /** Recovery codes not yet used. */
    public int remainingRecoveryCodes(Authentication signedIn) {
        return remainingRecoveryCodes(principal(signedIn).id());
    }

    /**
     * The sign-in with its second factor proven, to replace the one in the session: the rest of the product opens.
     */
    public Authentication proven(Authentication signedIn) {
        UsernamePasswordAuthenticationToken fresh = UsernamePasswordAuthenticationToken.authenticated(
                principal(signedIn).withSecondFactorProven(), null, signedIn.getAuthorities());
        fresh.setDetails(signedIn.getDetails());
        return fresh;
    }

    /** Since when a member of staff's confirmed second factor is enrolled; empty when none is. */
    public Optional<java.time.Instant> enrolledSince(long staffId) {
        return jdbc.sql("select confirmed_at from staff_second_factor where staff_id = ? and confirmed_at is not null")
                .param(staffId).query(Timestamp.class).optional().map(Timestamp::toInstant);
    }

    /** Removes a member of staff's second factor and recovery codes: they enrol anew at their next sign-in. */
    void remove(long staffId) {
        jdbc.sql("delete from staff_recovery_code where staff_id = ?").param(staffId).update();
        jdbc.sql("delete from staff_second_factor where staff_id = ?").param(staffId).update();
    }

    /**
     * Claims a try (so that wrong codes lock the account like wrong passwords), then accepts the code of the step before,
     * the current or the next one, and only if that step is later than the last code accepted.
     */
    private Proof prove(StaffPrincipal staff, String secret, String code, IdentityAudit action) {
        String username = staff.getUsername();
        Optional<StaffSignIn.Claim> claim = signIn.claim(username);
        if (claim.isEmpty()) {
            audit.recordSecurityEvent(username, action, username, "reason=locked", Outcome.FAILURE);
            return Proof.LOCKED;
        }
        String entered = code == null ? "" : code.replaceAll("\\s", "");
        long now = Totp.step(clock.instant());
        boolean accepted = false;
        if (entered.matches("\\d{" + Totp.DIGITS + "}")) {
            for (long step = now - 1; step <= now + 1 && !accepted; step++) {
                if (Totp.matches(secret, step, entered)) {
                    // One conditional update: of two requests with the same code, only one moves the step on.
                    accepted = jdbc.sql("update staff_second_factor set last_step = ? where staff_id = ? and last_step < ?")
                            .params(step, staff.id(), step).update() == 1;
                    if (!accepted) {
                        audit.recordSecurityEvent(username, action, username, "reason=code-reused", Outcome.FAILURE);
                        signIn.lockRecorded(username, claim.get());
                        return claim.get().lock() != null ? Proof.LOCKED : Proof.WRONG;
                    }
                }
            }
        }
        if (!accepted) {
            signIn.lockRecorded(username, claim.get());
            audit.recordSecurityEvent(username, action, username, "reason=wrong-code", Outcome.FAILURE);
            return claim.get().lock() != null ? Proof.LOCKED : Proof.WRONG;
        }
        signIn.cleared(username, claim.get());
        audit.recordSecurityEvent(username, action, username, "", Outcome.SUCCESS);
        return Proof.PROVEN;
    }

    private List<String> newRecoveryCodes(long staffId) {
        jdbc.sql("delete from staff_recovery_code where staff_id = ?").param(staffId).update();
        List<String> codes = new ArrayList<>();
        for (int i = 0; i < RECOVERY_CODES; i++) {
            StringBuilder code = new StringBuilder();
            for (int c = 0; c < 10; c++) {
                code.append(RECOVERY_ALPHABET.charAt(RANDOM.nextInt(RECOVERY_ALPHABET.length())));
            }
            jdbc.sql("insert into staff_recovery_code (staff_id, code_hash) values (?, ?)")
                    .params(staffId, cipher.blindIndex(code.toString())).update();
            codes.add(code.substring(0, 5) + "-" + code.substring(5));
        }
        return codes;
    }

    private int remainingRecoveryCodes(long staffId) {
        return jdbc.sql("select count(*) from staff_recovery_code where staff_id = ? and used_at is null").param(staffId)
                .query(Integer.class).single();
    }

    private static StaffPrincipal principal(Authentication signedIn) {
        if (signedIn != null && signedIn.getPrincipal() instanceof StaffPrincipal staff) {
            return staff;
        }
        throw new IllegalStateException("Not a member of staff's sign-in");
    }
}
