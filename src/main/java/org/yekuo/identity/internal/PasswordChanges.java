package org.yekuo.identity.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.yekuo.audit.AuditTrail;
import org.yekuo.identity.CurrentUser;
import org.yekuo.shared.DomainException;
import org.yekuo.shared.DomainException.FieldProblem;

/**
 * A member of staff chooses their own new password (MLPS 2.0 level 3): proving the current one, under the strength
 * rule, and different from their last {@code yekuo.security.password-history} passwords. The new one lasts
 * {@code yekuo.security.password-max-age}; a password an administrator set must be replaced this way at the next sign-in.
 */
@Service
public class PasswordChanges {

    private final JdbcClient jdbc;
    private final PasswordEncoder encoder;
    private final AuditTrail audit;
    private final StaffSignIn.SecurityProperties properties;
    private final java.time.Clock clock;
    private final StaffDirectory directory;

    PasswordChanges(JdbcClient jdbc, PasswordEncoder encoder, AuditTrail audit, StaffSignIn.SecurityProperties properties,
            java.time.Clock clock, StaffDirectory directory) {
        this.directory = directory;
        this.jdbc = jdbc;
        this.encoder = encoder;
        this.audit = audit;
        this.properties = properties;
        this.clock = clock;
    }

    /** Every problem at once, each naming its field: {@code currentPassword}, {@code password}, {@code confirmation}. */
    @Transactional
    public void change(CurrentUser user, String currentPassword, String password, String confirmation) {
        String hash = jdbc.sql("select password_hash from staff where id = ? for update").param(user.id()).query(String.class)
                .single();
        List<FieldProblem> problems = new ArrayList<>();
        if (currentPassword == null || !encoder.matches(currentPassword, hash)) {
            problems.add(new FieldProblem("currentPassword", "account.password.current-wrong"));
        }
        Optional<FieldProblem> strength = PasswordPolicy.check(user.username(), password);
        strength.ifPresent(problems::add);
        if (strength.isEmpty() && usedRecently(user.id(), hash, password)) {
            problems.add(new FieldProblem("password", "account.password.reused", properties.passwordHistory()));
        }
        if (password != null && !password.equals(confirmation)) {
            problems.add(new FieldProblem("confirmation", "account.password.confirmation"));
        }
        if (!problems.isEmpty()) {
            throw new DomainException(HttpStatus.UNPROCESSABLE_CONTENT, problems, "validation.failed");
        }
        replace(user.id(), hash, encoder.encode(password), false);
        audit.record(IdentityAudit.STAFF_PASSWORD_CHANGED, "staff", user.username(), "");
    }

    /**
     * The member of staff's sign-in as it stands now, to replace the one in their session after a change: a new password
     * lifts the gate to the rest of the product.
     */
    public Authentication refreshed(Authentication current) {
        UserDetails staff = directory.loadUserByUsername(current.getName());
        // A second factor proven in this session stays proven: the new password does not ask for another code.
        if (staff instanceof StaffPrincipal fresh && current.getPrincipal() instanceof StaffPrincipal before
                && before.secondFactor() == StaffPrincipal.SecondFactorStep.NONE) {
            staff = fresh.withSecondFactorProven();
        }
        UsernamePasswordAuthenticationToken fresh = UsernamePasswordAuthenticationToken.authenticated(staff, null,
                staff.getAuthorities());
        fresh.setDetails(current.getDetails());
        return fresh;
    }

    /** Whether this sign-in must choose a new password before anything else. */
    public static boolean mustChange(Authentication authentication) {
        return authentication != null && authentication.getPrincipal() instanceof StaffPrincipal staff
                && staff.passwordChangeRequired();
    }

    /**
     * Sets a new password hash and keeps the old one in the history; {@code mustChange} when someone else chose it, so
     * that its holder replaces it at the next sign-in. The new password lasts from now.
     */
    void replace(long staffId, String oldHash, String newHash, boolean mustChange) {
        Instant now = clock.instant();
        jdbc.sql("insert into staff_password_history (staff_id, password_hash, replaced_at) values (?, ?, ?)")
                .params(staffId, oldHash, Timestamp.from(now)).update();
        jdbc.sql("""
                delete from staff_password_history where staff_id = :staff and id not in
                  (select id from staff_password_history where staff_id = :staff order by id desc limit :keep)""")
                .param("staff", staffId).param("keep", Math.max(properties.passwordHistory() - 1, 0)).update();
        jdbc.sql("update staff set password_hash = ?, password_changed_at = ?, password_must_change = ? where id = ?")
                .params(newHash, Timestamp.from(now), mustChange, staffId).update();
    }

    /** The current password and the ones before it, {@code password-history} in all. */
    private boolean usedRecently(long staffId, String currentHash, String password) {
        if (encoder.matches(password, currentHash)) {
            return true;
        }
        return jdbc.sql("select password_hash from staff_password_history where staff_id = ? order by id desc")
                .param(staffId).query(String.class).list().stream().limit(Math.max(properties.passwordHistory() - 1, 0))
                .anyMatch(old -> encoder.matches(password, old));
    }
}
