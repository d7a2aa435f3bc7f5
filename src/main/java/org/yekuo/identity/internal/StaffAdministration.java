package org.yekuo.identity.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.yekuo.audit.AuditTrail;
import org.yekuo.identity.CurrentUser;
import org.yekuo.identity.OrgUnit;
import org.yekuo.identity.OrgUnits;
import org.yekuo.identity.Role;
import org.yekuo.identity.StaffMember;
import org.yekuo.identity.StaffMembers;
import org.yekuo.shared.DomainException;
import org.yekuo.shared.Masking;
import org.yekuo.shared.PersonalDataCipher;
import org.yekuo.shared.DomainException.FieldProblem;

/**
 * What a security administrator does to staff accounts, each change checked against the rules and
 * the administrator's data scope and audited in the same transaction. Audit details name usernames,
 * roles and org-unit codes only, never names or passwords.
 */
@Service
@PreAuthorize("hasRole('SECURITY_ADMIN')")
public class StaffAdministration {

    static final int DISPLAY_NAME_MAX = 60;

    private final JdbcClient jdbc;
    private final PasswordEncoder encoder;
    private final AuditTrail audit;
    private final StaffMembers members;
    private final OrgUnits orgUnits;
    private final PersonalDataCipher cipher;
    private final Clock clock;

    StaffAdministration(JdbcClient jdbc, PasswordEncoder encoder, AuditTrail audit, StaffMembers members,
            OrgUnits orgUnits, PersonalDataCipher cipher, Clock clock) {
        this.cipher = cipher;
        this.jdbc = jdbc;
        this.encoder = encoder;
        this.audit = audit;
        this.members = members;
        this.orgUnits = orgUnits;
        this.clock = clock;
    }

    /**
     * A new account as the administrator enters it; every field may be missing or wrong. {@code mobile},
     * the work mobile for reminders (R-SLA-3), is optional.
     */
    public record NewStaffMember(String username, String displayName, Long orgUnitId, Set<Role> roles,
            String password, String mobile) {
    }

    @Transactional
    public StaffMember create(CurrentUser actor, NewStaffMember account) {
        Optional<OrgUnit> unit = unitInScope(actor, account.orgUnitId());
        Optional<FieldProblem> usernameProblem = UsernameRule.check(account.username());
        if (usernameProblem.isEmpty() && members.byUsername(account.username()).isPresent()) {
            usernameProblem = Optional.of(new FieldProblem("username", "staff.username.taken"));
        }
        refuseIf(usernameProblem, displayNameProblem(account.displayName()),
                unit.isPresent() ? Optional.empty() : Optional.of(unknownUnit()),
                SeparationOfDuties.check(account.roles()),
                PasswordPolicy.check(account.username(), account.password()), WorkMobileRule.check(account.mobile()));
        String mobile = WorkMobileRule.normalised(account.mobile());
        jdbc.sql("""
                insert into staff (username, display_name, password_hash, org_unit_id, created_at, mobile_sealed, mobile_masked)
                values (?, ?, ?, ?, ?, ?, ?)""")
                .params(account.username(), account.displayName().trim(), encoder.encode(account.password()),
                        unit.get().id(), Timestamp.from(clock.instant()), mobile == null ? null : cipher.encrypt(mobile),
                        mobile == null ? null : Masking.mobile(mobile))
                .update();
        StaffMember created = members.byUsername(account.username()).orElseThrow();
        insertRoles(created.id(), account.roles());
        audit.record("staff.created", "staff", account.username(),
                "roles=" + codes(account.roles()) + " org=" + unit.get().code());
        return members.byId(created.id()).orElseThrow();
    }

    /** Replaces the roles of another member of staff: nobody changes their own. */
    @Transactional
    public void changeRoles(CurrentUser actor, long staffId, Set<Role> roles) {
        StaffMember target = inScope(actor, staffId);
        if (target.id() == actor.id()) {
            throw DomainException.forbidden("staff.roles.own");
        }
        refuseIf(SeparationOfDuties.check(roles));
        jdbc.sql("delete from staff_role where staff_id = ?").param(target.id()).update();
        insertRoles(target.id(), roles);
        audit.record("staff.roles-changed", "staff", target.username(),
                "from=" + codes(target.roles()) + " to=" + codes(roles));
    }

    @Transactional
    public void moveTo(CurrentUser actor, long staffId, Long orgUnitId) {
        StaffMember target = inScope(actor, staffId);
        OrgUnit unit = unitInScope(actor, orgUnitId).orElseThrow(() -> refusal(List.of(unknownUnit())));
        OrgUnit from = orgUnits.byId(target.orgUnitId()).orElseThrow();
        jdbc.sql("update staff set org_unit_id = ? where id = ?").params(unit.id(), target.id()).update();
        audit.record("staff.org-unit-changed", "staff", target.username(), "from=" + from.code() + " to=" + unit.code());
    }

    /** Enables or disables an account; administrators cannot disable themselves. */
    @Transactional
    public void setEnabled(CurrentUser actor, long staffId, boolean enabled) {
        StaffMember target = inScope(actor, staffId);
        if (target.id() == actor.id() && !enabled) {
            throw DomainException.forbidden("staff.enabled.own");
        }
        jdbc.sql("update staff set enabled = ? where id = ?").params(enabled, target.id()).update();
        audit.record(enabled ? "staff.enabled" : "staff.disabled", "staff", target.username(), "");
    }

    @Transactional
    public void resetPassword(CurrentUser actor, long staffId, String password) {
        StaffMember target = inScope(actor, staffId);
        refuseIf(PasswordPolicy.check(target.username(), password));
        jdbc.sql("update staff set password_hash = ? where id = ?").params(encoder.encode(password), target.id())
                .update();
        audit.record("staff.password-reset", "staff", target.username(), "");
    }

    /** Sets or (when blank) removes a member of staff's work mobile, where deadline reminders go (R-SLA-3). */
    @Transactional
    public void changeMobile(CurrentUser actor, long staffId, String mobile) {
        StaffMember target = inScope(actor, staffId);
        refuseIf(WorkMobileRule.check(mobile));
        String number = WorkMobileRule.normalised(mobile);
        jdbc.sql("update staff set mobile_sealed = ?, mobile_masked = ? where id = ?")
                .params(number == null ? null : cipher.encrypt(number), number == null ? null : Masking.mobile(number), target.id())
                .update();
        audit.record("staff.mobile-changed", "staff", target.username(), "mobile=" + (number == null ? "-" : Masking.mobile(number)));
    }

    /** Lifts a sign-in lock before it runs out and starts the failure count afresh. */
    @Transactional
    public void unlock(CurrentUser actor, long staffId) {
        StaffMember target = inScope(actor, staffId);
        jdbc.sql("update staff set locked_until = null, failed_logins = 0 where id = ?").param(target.id()).update();
        audit.record("staff.unlocked", "staff", target.username(), "");
    }

    /** Staff outside the administrator's scope are answered as not found, so their existence stays hidden. */
    private StaffMember inScope(CurrentUser actor, long staffId) {
        return members.byId(staffId).filter(member -> actor.scope().includes(member.orgPath()))
                .orElseThrow(() -> DomainException.notFound("staff.not-found", staffId));
    }

    private Optional<OrgUnit> unitInScope(CurrentUser actor, Long orgUnitId) {
        return orgUnitId == null ? Optional.empty()
                : orgUnits.byId(orgUnitId).filter(unit -> actor.scope().includes(unit.path()));
    }

    private void insertRoles(long staffId, Set<Role> roles) {
        for (Role role : roles) {
            jdbc.sql("insert into staff_role (staff_id, role_code) values (?, ?)").params(staffId, role.name()).update();
        }
    }

    private static Optional<FieldProblem> displayNameProblem(String displayName) {
        if (displayName == null || displayName.isBlank() || displayName.trim().length() > DISPLAY_NAME_MAX) {
            return Optional.of(new FieldProblem("displayName", "staff.display-name.length", DISPLAY_NAME_MAX));
        }
        return Optional.empty();
    }

    private static FieldProblem unknownUnit() {
        return new FieldProblem("orgUnitId", "staff.org-unit.unknown");
    }

    @SafeVarargs
    private static void refuseIf(Optional<FieldProblem>... checks) {
        List<FieldProblem> problems = Arrays.stream(checks).flatMap(Optional::stream).toList();
        if (!problems.isEmpty()) {
            throw refusal(problems);
        }
    }

    private static DomainException refusal(List<FieldProblem> problems) {
        return new DomainException(HttpStatus.UNPROCESSABLE_CONTENT, problems, "validation.failed");
    }

    private static String codes(Set<Role> roles) {
        return roles.stream().sorted().map(Role::name).collect(Collectors.joining(";"));
    }
}
