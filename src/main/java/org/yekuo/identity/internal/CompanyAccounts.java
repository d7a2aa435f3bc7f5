package org.yekuo.identity.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.transaction.support.TransactionTemplate;
import org.yekuo.audit.AuditEntry.Outcome;
import org.yekuo.audit.AuditTrail;
import org.yekuo.identity.Role;

/**
 * Turns a company account that the provider has just vouched for into a member of staff: the mapping rules give
 * the roles and the org unit, and the staff record follows them at every sign-in, since the company's directory
 * is where people join, move and leave. The first sign-in creates the record (with a password nobody knows), or
 * takes over a record of the same username that no company account holds yet. Nobody gets in without a mapped
 * role, with roles that break the separation of duties, or as a break-glass account; every outcome is audited.
 */
class CompanyAccounts implements OAuth2UserService<OidcUserRequest, OidcUser> {

    /** Prefix of the errors this class raises (and audits itself), as opposed to the provider's or the token's. */
    static final String REFUSAL = "yekuo.";

    private final OidcUserService provider = new OidcUserService();
    private final CompanySignInProperties properties;
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final AuditTrail audit;
    private final StaffDirectory directory;
    private final PasswordEncoder encoder;

    CompanyAccounts(CompanySignInProperties properties, JdbcClient jdbc, TransactionTemplate tx, Clock clock, AuditTrail audit,
            StaffDirectory directory, PasswordEncoder encoder) {
        this.properties = properties;
        this.jdbc = jdbc;
        this.tx = tx;
        this.clock = clock;
        this.audit = audit;
        this.directory = directory;
        this.encoder = encoder;
    }

    @Override
    public OidcUser loadUser(OidcUserRequest request) {
        OidcUser account = provider.loadUser(request);
        Map<String, Object> claims = account.getClaims();
        String subject = account.getSubject();
        Object name = claims.get(properties.usernameClaim());
        String username = name == null ? "" : name.toString().trim().toLowerCase(Locale.ROOT);
        if (UsernameRule.check(username).isPresent()) {
            throw refuse(subject, "unusable-username");
        }
        if (properties.breakGlassAccounts().contains(username)) {
            throw refuse(username, "break-glass-account");
        }
        Set<Role> roles = EnumSet.noneOf(Role.class);
        properties.roleRules().stream().filter(rule -> CompanySignInProperties.holds(claims.get(rule.claim()), rule.value()))
                .forEach(rule -> roles.addAll(rule.roles()));
        if (roles.isEmpty()) {
            throw refuse(username, "no-mapped-role");
        }
        if (SeparationOfDuties.check(roles).isPresent()) {
            throw refuse(username, "conflicting-roles");
        }
        Optional<String> unitCode = properties.orgUnitRules().stream()
                .filter(rule -> CompanySignInProperties.holds(claims.get(rule.claim()), rule.value()))
                .map(CompanySignInProperties.OrgUnitRule::orgUnit).findFirst();
        Optional<Long> unit = unitCode.flatMap(this::orgUnitId);
        if (unitCode.isPresent() && unit.isEmpty()) {
            throw refuse(username, "unknown-org-unit");
        }
        Object displayName = claims.get(properties.nameClaim());
        Synchronised result = tx.execute(status -> synchronise(subject, username,
                displayName == null || displayName.toString().isBlank() ? username : displayName.toString().trim(), roles, unit));
        if (result.refusal() != null) {
            throw refuse(username, result.refusal());
        }
        if (result.created()) {
            audit.recordSecurityEvent(username, IdentityAudit.COMPANY_ACCOUNT_CREATED, username, "roles=" + codes(roles), Outcome.SUCCESS);
        }
        UserDetails staff = directory.loadUserByUsername(username);
        if (!staff.isEnabled()) {
            throw refuse(username, "disabled");
        }
        audit.recordSecurityEvent(username, IdentityAudit.COMPANY_LOGIN, username, "roles=" + codes(roles), Outcome.SUCCESS);
        return new CompanyStaff((StaffPrincipal) staff, account.getIdToken(), account.getUserInfo());
    }

    /** The staff record of this company account, created or linked and brought in line with the mapped roles and unit. */
    private Synchronised synchronise(String subject, String username, String displayName, Set<Role> roles, Optional<Long> unit) {
        Optional<Long> linked = jdbc.sql("select id from staff where company_subject = ?").param(subject).query(Long.class).optional();
        boolean created = false;
        long staffId;
        if (linked.isPresent()) {
            staffId = linked.get();
        } else {
            Optional<Holder> sameName = jdbc.sql("select id, company_subject from staff where username = ?").param(username)
                    .query((rs, n) -> new Holder(rs.getLong(1), rs.getString(2))).optional();
            if (sameName.isPresent() && sameName.get().subject() != null) {
                return new Synchronised(false, "username-taken");
            }
            if (sameName.isPresent()) {
                staffId = sameName.get().id();
                jdbc.sql("update staff set company_subject = ? where id = ?").params(subject, staffId).update();
            } else {
                Optional<Long> home = unit.or(() -> Optional.ofNullable(properties.defaultOrgUnit()).filter(c -> !c.isBlank())
                        .flatMap(this::orgUnitId));
                if (home.isEmpty()) {
                    return new Synchronised(false, "no-org-unit");
                }
                jdbc.sql("""
                        insert into staff (username, display_name, password_hash, org_unit_id, created_at, company_subject)
                        values (?, ?, ?, ?, ?, ?)""")
                        .params(username, displayName.length() > 60 ? displayName.substring(0, 60) : displayName,
                                encoder.encode(UUID.randomUUID().toString()), home.get(),
                                Timestamp.from(clock.instant()), subject)
                        .update();
                staffId = jdbc.sql("select id from staff where username = ?").param(username).query(Long.class).single();
                created = true;
            }
        }
        unit.ifPresent(id -> jdbc.sql("update staff set org_unit_id = ? where id = ?").params(id, staffId).update());
        jdbc.sql("delete from staff_role where staff_id = ?").param(staffId).update();
        for (Role role : roles) {
            jdbc.sql("insert into staff_role (staff_id, role_code) values (?, ?)").params(staffId, role.name()).update();
        }
        return new Synchronised(created, null);
    }

    private Optional<Long> orgUnitId(String code) {
        return jdbc.sql("select id from org_unit where code = ?").param(code).query(Long.class).optional();
    }

    private OAuth2AuthenticationException refuse(String who, String reason) {
        // The audit log keeps 60 characters of an actor; a provider's subject may be longer.
        String actor = who.length() > 60 ? who.substring(0, 60) : who;
        audit.recordSecurityEvent(actor, IdentityAudit.COMPANY_LOGIN, actor, "reason=" + reason, Outcome.FAILURE);
        return new OAuth2AuthenticationException(new OAuth2Error(REFUSAL + reason));
    }

    private static String codes(Set<Role> roles) {
        return roles.stream().sorted().map(Role::name).collect(Collectors.joining(";"));
    }

    private record Holder(long id, String subject) {
    }

    private record Synchronised(boolean created, String refusal) {
    }
}
