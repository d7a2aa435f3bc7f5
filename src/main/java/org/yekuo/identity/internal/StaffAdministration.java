package org.yekuo.identity.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Arrays;
import java.util.EnumSet;
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
 * roles and org-unit codes only, never names or passwords. A change to an account that holds or would
 * hold ADMIN, SECURITY_ADMIN or AUDITOR waits for a second security administrator (four eyes).
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
    private final StaffChanges changes;
    private final PasswordChanges passwords;
    private final SecondFactors secondFactors;

    StaffAdministration(JdbcClient jdbc, PasswordEncoder encoder, AuditTrail audit, StaffMembers members,
            OrgUnits orgUnits, PersonalDataCipher cipher, Clock clock, StaffChanges changes, PasswordChanges passwords,
            SecondFactors secondFactors) {
        this.secondFactors = secondFactors;
        this.changes = changes;
        this.passwords = passwords;
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

    /**
     * Creates the account at once, or — when it would hold ADMIN, SECURITY_ADMIN or AUDITOR — files it for a second
     * security administrator's approval.
     */
    @Transactional
    public Outcome create(CurrentUser actor, NewStaffMember account) {
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
        var request = new StaffChanges.Request(StaffChange.Kind.CREATE, null, account.username(), unit.get().path(),
                account.displayName().trim(), unit.get().id(), account.roles(), encoder.encode(account.password()),
                mobile == null ? null : cipher.encrypt(mobile), mobile == null ? null : Masking.mobile(mobile), null);
        if (SeparationOfDuties.needsSecondPerson(account.roles())) {
            return Outcome.pending(file(actor, request));
        }
        return Outcome.done(applyCreate(request, unit.get()));
    }

    /** Replaces the roles of another member of staff: nobody changes their own. */
    @Transactional
    public Outcome changeRoles(CurrentUser actor, long staffId, Set<Role> roles) {
        StaffMember target = inScope(actor, staffId);
        if (target.id() == actor.id()) {
            throw DomainException.forbidden("staff.roles.own");
        }
        refuseIf(SeparationOfDuties.check(roles));
        Set<Role> involved = EnumSet.noneOf(Role.class);
        involved.addAll(target.roles());
        involved.addAll(roles);
        return changeOf(actor, target, involved, request(StaffChange.Kind.ROLES, target).roles(roles).build(),
                () -> applyRoles(target, roles));
    }

    @Transactional
    public Outcome moveTo(CurrentUser actor, long staffId, Long orgUnitId) {
        StaffMember target = inScope(actor, staffId);
        OrgUnit unit = unitInScope(actor, orgUnitId).orElseThrow(() -> refusal(List.of(unknownUnit())));
        return changeOf(actor, target, target.roles(), request(StaffChange.Kind.ORG_UNIT, target).orgUnitId(unit.id()).build(),
                () -> applyMove(target, unit));
    }

    /** Enables or disables an account; administrators cannot disable themselves. */
    @Transactional
    public Outcome setEnabled(CurrentUser actor, long staffId, boolean enabled) {
        StaffMember target = inScope(actor, staffId);
        if (target.id() == actor.id() && !enabled) {
            throw DomainException.forbidden("staff.enabled.own");
        }
        return changeOf(actor, target, target.roles(), request(StaffChange.Kind.ENABLED, target).enabled(enabled).build(),
                () -> applyEnabled(target, enabled));
    }

    /** Sets a password its holder must replace at their next sign-in. */
    @Transactional
    public Outcome resetPassword(CurrentUser actor, long staffId, String password) {
        StaffMember target = inScope(actor, staffId);
        refuseIf(PasswordPolicy.check(target.username(), password));
        String hash = encoder.encode(password);
        return changeOf(actor, target, target.roles(), request(StaffChange.Kind.PASSWORD, target).passwordHash(hash).build(),
                () -> applyPassword(target, hash));
    }

    /** Sets or (when blank) removes a member of staff's work mobile, where deadline reminders go (R-SLA-3). */
    @Transactional
    public Outcome changeMobile(CurrentUser actor, long staffId, String mobile) {
        StaffMember target = inScope(actor, staffId);
        refuseIf(WorkMobileRule.check(mobile));
        String number = WorkMobileRule.normalised(mobile);
        String sealed = number == null ? null : cipher.encrypt(number);
        String masked = number == null ? null : Masking.mobile(number);
        return changeOf(actor, target, target.roles(),
                request(StaffChange.Kind.MOBILE, target).mobile(sealed, masked).build(), () -> applyMobile(target, sealed, masked));
    }

    /** Lifts a sign-in lock before it runs out and starts the failure count afresh. */
    @Transactional
    public void unlock(CurrentUser actor, long staffId) {
        StaffMember target = inScope(actor, staffId);
        jdbc.sql("update staff set locked_until = null, failed_logins = 0 where id = ?").param(target.id()).update();
        audit.record(IdentityAudit.STAFF_UNLOCKED, "staff", target.username(), "");
    }

    /**
     * Removes a member of staff's second factor and recovery codes (a lost phone): they enrol anew at their next sign-in.
     * Nobody resets their own, which would let a stolen password replace the factor that guards it.
     */
    @Transactional
    public Outcome resetSecondFactor(CurrentUser actor, long staffId) {
        StaffMember target = inScope(actor, staffId);
        if (target.id() == actor.id()) {
            throw DomainException.forbidden("account.totp.reset-own");
        }
        return changeOf(actor, target, target.roles(), request(StaffChange.Kind.SECOND_FACTOR, target).build(),
                () -> applySecondFactorReset(target));
    }

    /** Pending changes to privileged accounts within the administrator's scope, oldest first. */
    @Transactional(readOnly = true)
    public List<StaffChange> pendingChanges(CurrentUser actor) {
        return changes.pendingWithin(actor.scope().orgPath());
    }

    /**
     * Carries out a pending change as a second security administrator: not the one who asked for it, not its subject.
     * Its rules are checked again, since the account may have changed meanwhile.
     */
    @Transactional
    public StaffChange approve(CurrentUser actor, long changeId) {
        StaffChanges.Pending pending = pendingInScope(actor, changeId);
        StaffChange change = pending.change();
        if (change.requestedBy().equals(actor.username())) {
            throw DomainException.forbidden("staff.change.own-request");
        }
        if (change.username().equals(actor.username())) {
            throw DomainException.forbidden("staff.change.own-account");
        }
        decide(change, StaffChange.Status.APPROVED, actor);
        audit.record(IdentityAudit.STAFF_CHANGE_APPROVED, "staff", change.username(), "change=" + change.kind() + " requestedBy=" + change.requestedBy());
        switch (change.kind()) {
            case CREATE -> {
                if (members.byUsername(change.username()).isPresent()) {
                    throw refusal(List.of(new FieldProblem("username", "staff.username.taken")));
                }
                OrgUnit unit = orgUnits.byId(change.orgUnitId()).orElseThrow(() -> refusal(List.of(unknownUnit())));
                applyCreate(new StaffChanges.Request(change.kind(), null, change.username(), pending.orgPath(), change.displayName(),
                        change.orgUnitId(), change.roles(), pending.passwordHash(), pending.mobileSealed(), change.mobileMasked(), null),
                        unit);
            }
            case ROLES -> applyRoles(subject(change), change.roles());
            case ORG_UNIT -> applyMove(subject(change), orgUnits.byId(change.orgUnitId()).orElseThrow(() -> refusal(List.of(unknownUnit()))));
            case ENABLED -> applyEnabled(subject(change), change.enabled());
            case PASSWORD -> applyPassword(subject(change), pending.passwordHash());
            case MOBILE -> applyMobile(subject(change), pending.mobileSealed(), change.mobileMasked());
            case SECOND_FACTOR -> applySecondFactorReset(subject(change));
        }
        return changes.find(changeId).orElseThrow();
    }

    /** Turns a pending change down; the one who asked for it may withdraw it this way. */
    @Transactional
    public StaffChange reject(CurrentUser actor, long changeId) {
        StaffChange change = pendingInScope(actor, changeId).change();
        decide(change, StaffChange.Status.REJECTED, actor);
        audit.record(IdentityAudit.STAFF_CHANGE_REJECTED, "staff", change.username(), "change=" + change.kind() + " requestedBy=" + change.requestedBy());
        return changes.find(changeId).orElseThrow();
    }

    /** Done at once, or filed for approval when the account holds or would hold a privileged role. */
    public record Outcome(StaffMember member, StaffChange pending) {

        static Outcome done(StaffMember member) {
            return new Outcome(member, null);
        }

        static Outcome pending(StaffChange change) {
            return new Outcome(null, change);
        }

        public boolean isPending() {
            return pending != null;
        }
    }

    private Outcome changeOf(CurrentUser actor, StaffMember target, Set<Role> involved, StaffChanges.Request request, Runnable apply) {
        if (SeparationOfDuties.needsSecondPerson(involved)) {
            return Outcome.pending(file(actor, request));
        }
        apply.run();
        return Outcome.done(members.byId(target.id()).orElseThrow());
    }

    private StaffChange file(CurrentUser actor, StaffChanges.Request request) {
        long id = changes.file(request, actor.username(), clock.instant());
        audit.record(IdentityAudit.STAFF_CHANGE_REQUESTED, "staff", request.username(), "change=" + request.kind()
                + (request.roles() == null ? "" : " roles=" + codes(request.roles())));
        return changes.find(id).orElseThrow();
    }

    private StaffChanges.Pending pendingInScope(CurrentUser actor, long changeId) {
        return changes.pending(changeId).filter(p -> actor.scope().includes(p.orgPath()))
                .orElseThrow(() -> DomainException.notFound("staff.change.not-found", changeId));
    }

    private void decide(StaffChange change, StaffChange.Status status, CurrentUser actor) {
        if (!changes.decide(change.id(), status, actor.username(), clock.instant())) {
            throw DomainException.conflict("staff.change.decided");
        }
    }

    private StaffMember subject(StaffChange change) {
        return members.byId(change.staffId()).orElseThrow(() -> DomainException.notFound("staff.not-found", change.staffId()));
    }

    private StaffMember applyCreate(StaffChanges.Request account, OrgUnit unit) {
        jdbc.sql("""
                insert into staff (username, display_name, password_hash, org_unit_id, created_at, mobile_sealed, mobile_masked,
                    password_changed_at)
                values (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(account.username(), account.displayName(), account.passwordHash(), unit.id(), Timestamp.from(clock.instant()),
                        account.mobileSealed(), account.mobileMasked(), Timestamp.from(clock.instant()))
                .update();
        StaffMember created = members.byUsername(account.username()).orElseThrow();
        insertRoles(created.id(), account.roles());
        audit.record(IdentityAudit.STAFF_CREATED, "staff", account.username(),
                "roles=" + codes(account.roles()) + " org=" + unit.code());
        return members.byId(created.id()).orElseThrow();
    }

    private void applyRoles(StaffMember target, Set<Role> roles) {
        jdbc.sql("delete from staff_role where staff_id = ?").param(target.id()).update();
        insertRoles(target.id(), roles);
        audit.record(IdentityAudit.STAFF_ROLES_CHANGED, "staff", target.username(),
                "from=" + codes(target.roles()) + " to=" + codes(roles));
    }

    private void applyMove(StaffMember target, OrgUnit unit) {
        OrgUnit from = orgUnits.byId(target.orgUnitId()).orElseThrow();
        jdbc.sql("update staff set org_unit_id = ? where id = ?").params(unit.id(), target.id()).update();
        audit.record(IdentityAudit.STAFF_ORG_UNIT_CHANGED, "staff", target.username(), "from=" + from.code() + " to=" + unit.code());
    }

    private void applyEnabled(StaffMember target, boolean enabled) {
        jdbc.sql("update staff set enabled = ? where id = ?").params(enabled, target.id()).update();
        audit.record(enabled ? IdentityAudit.STAFF_ENABLED : IdentityAudit.STAFF_DISABLED, "staff", target.username(), "");
    }

    private void applyPassword(StaffMember target, String hash) {
        String old = jdbc.sql("select password_hash from staff where id = ?").param(target.id()).query(String.class).single();
        passwords.replace(target.id(), old, hash, true);
        audit.record(IdentityAudit.STAFF_PASSWORD_RESET, "staff", target.username(), "");
    }

    private void applyMobile(StaffMember target, String sealed, String masked) {
        jdbc.sql("update staff set mobile_sealed = ?, mobile_masked = ? where id = ?").params(sealed, masked, target.id()).update();
        audit.record(IdentityAudit.STAFF_MOBILE_CHANGED, "staff", target.username(), "mobile=" + (masked == null ? "-" : masked));
    }

    private void applySecondFactorReset(StaffMember target) {
        secondFactors.remove(target.id());
        audit.record(IdentityAudit.STAFF_SECOND_FACTOR_RESET, "staff", target.username(), "");
    }

    private static RequestBuilder request(StaffChange.Kind kind, StaffMember target) {
        return new RequestBuilder(kind, target);
    }

    /** The fields of one kind of change to an existing account. */
    private static final class RequestBuilder {
        private final StaffChange.Kind kind;
        private final StaffMember target;
        private Set<Role> roles;
        private Long orgUnitId;
        private Boolean enabled;
        private String passwordHash;
        private String mobileSealed;
        private String mobileMasked;

        RequestBuilder(StaffChange.Kind kind, StaffMember target) {
            this.kind = kind;
            this.target = target;
        }

        RequestBuilder roles(Set<Role> value) {
            this.roles = value;
            return this;
        }

        RequestBuilder orgUnitId(long value) {
            this.orgUnitId = value;
            return this;
        }

        RequestBuilder enabled(boolean value) {
            this.enabled = value;
            return this;
        }

        RequestBuilder passwordHash(String value) {
            this.passwordHash = value;
            return this;
        }

        RequestBuilder mobile(String sealed, String masked) {
            this.mobileSealed = sealed;
            this.mobileMasked = masked;
            return this;
        }

        StaffChanges.Request build() {
            return new StaffChanges.Request(kind, target.id(), target.username(), target.orgPath(), null, orgUnitId, roles,
                    passwordHash, mobileSealed, mobileMasked, enabled);
        }
    }

    /** Staff outside the administrator's scope are answered as not found, so their existence stays hidden. */
    private StaffMember inScope(CurrentUser actor, long staffId) {
        return members.byId(staffId).filter(member -> actor.scope().includes(member.orgPath()))
                .orElseThrow(() -> DomainException.notFound("staff.not-found", staffId));
    }

    private Optional<OrgUnit> unitInScope(CurrentUser actor, Long orgUnitId) {
        return orgUnitId == null ? Optional.empty()
                : orgUnits.byId(orgUnitId).filter(unit -> actor.scope().includes(unit.path()) && !unit.closed());
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
