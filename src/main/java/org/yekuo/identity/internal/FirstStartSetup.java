package org.yekuo.identity.internal;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;
import org.yekuo.audit.AuditEntry;
import org.yekuo.audit.AuditTrail;
import org.yekuo.identity.Role;
import org.yekuo.shared.DomainException;
import org.yekuo.shared.DomainException.FieldProblem;
import org.yekuo.shared.Sm3;

/**
 * The first start of a production database, which has no org unit and no administrator: whoever holds the one-time
 * token a node printed in its log sets up the company's root unit and the three separate administrations (MLPS 2.0
 * level 3) — the system administrator, two security administrators (a privileged account needs a second one's
 * approval, so one alone could never add the next) and the audit administrator. The setup is open only while no
 * system administrator exists; the check, the token and the creation are one transaction on a locked row, so two
 * nodes or two browsers cannot both set the company up. Guesses at the token are throttled per address.
 */
@Service
public class FirstStartSetup {

    static final Duration TOKEN_LIFETIME = Duration.ofHours(24);
    public static final int MAX_FAILURES = 5;
    /** Who tries a setup: nobody can be signed in yet. */
    private static final String NOBODY = "anonymous";
    static final Duration FAILURE_WINDOW = Duration.ofMinutes(15);

    /** The accounts the setup creates, by their field prefix on the form; in this order. */
    public enum Slot {
        admin(Role.ADMIN), securityAdmin(Role.SECURITY_ADMIN), securityAdmin2(Role.SECURITY_ADMIN), auditor(Role.AUDITOR);

        private final Role role;

        Slot(Role role) {
            this.role = role;
        }

        public Role role() {
            return role;
        }
    }

    public record Account(String username, String displayName, String password) {
    }

    /** The form as entered; any field may be missing or wrong. {@code accounts} by {@link Slot}. */
    public record Request(String token, String companyCode, String companyNameZh, String companyNameEn,
            Map<Slot, Account> accounts) {
    }

    private final JdbcClient jdbc;
    private final PasswordEncoder encoder;
    private final AuditTrail audit;
    private final Clock clock;
    private final TransactionTemplate separately;
    private final SecureRandom random = new SecureRandom();

    FirstStartSetup(JdbcClient jdbc, PasswordEncoder encoder, AuditTrail audit, Clock clock,
            PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.encoder = encoder;
        this.audit = audit;
        this.clock = clock;
        this.separately = new TransactionTemplate(transactions);
        this.separately.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** Whether the setup may still be done: no system administrator exists and nobody has completed it. */
    @Transactional(readOnly = true)
    public boolean open() {
        Boolean completed = jdbc.sql("select completed_at is not null from setup_state where id = 1").query(Boolean.class).single();
        return !completed && !adminExists();
    }

    /**
     * Files a new one-time token and returns it, for the log of the node that starts; empty when the setup is closed.
     * Each node that starts files its own, so whichever log the operator reads holds a valid one.
     */
    @Transactional
    public Optional<String> issueToken() {
        if (!open()) {
            return Optional.empty();
        }
        byte[] bytes = new byte[20];
        random.nextBytes(bytes);
        String token = HexFormat.of().formatHex(bytes);
        Instant now = clock.instant();
        jdbc.sql("insert into setup_token (token_hash, issued_at, expires_at) values (?, ?, ?)")
                .params(Sm3.hex(token), Timestamp.from(now), Timestamp.from(now.plus(TOKEN_LIFETIME))).update();
        return Optional.of(token);
    }

    /** Sets the company up as the request says, or refuses with every field at fault named and nothing written. */
    @Transactional
    public void complete(Request request, String address) {
        Instant now = clock.instant();
        String from = address == null ? "unknown" : address;
        long recentFailures = jdbc.sql("select count(*) from setup_attempt where address = ? and attempted_at > ?")
                .params(from, Timestamp.from(now.minus(FAILURE_WINDOW))).query(Long.class).single();
        if (recentFailures >= MAX_FAILURES) {
            throw new DomainException(HttpStatus.TOO_MANY_REQUESTS, "setup.throttled", FAILURE_WINDOW.toMinutes())
                    .retryAfter(FAILURE_WINDOW);
        }
        // The lock on the one state row makes the check and the creation one step across nodes.
        Boolean completed = jdbc.sql("select completed_at is not null from setup_state where id = 1 for update")
                .query(Boolean.class).single();
        if (completed || adminExists()) {
            throw DomainException.conflict("setup.done");
        }
        String token = request.token() == null ? "" : request.token().trim();
        boolean valid = jdbc.sql("select count(*) from setup_token where token_hash = ? and expires_at > ?")
                .params(Sm3.hex(token), Timestamp.from(now)).query(Long.class).single() > 0;
        if (!valid) {
            fail(from, now);
            throw DomainException.invalid("token", "setup.token.invalid");
        }
        List<FieldProblem> problems = new ArrayList<>(OrgUnitFields.check("company.", request.companyCode(),
                request.companyNameZh(), request.companyNameEn()));
        Map<String, Slot> usernames = new LinkedHashMap<>();
        for (Slot slot : Slot.values()) {
            Account account = request.accounts().getOrDefault(slot, new Account(null, null, null));
            String prefix = slot.name() + ".";
            UsernameRule.check(account.username()).ifPresent(p -> problems.add(prefixed(prefix, p)));
            if (account.username() != null && usernames.putIfAbsent(account.username(), slot) != null) {
                problems.add(new FieldProblem(prefix + "username", "setup.username.twice"));
            }
            if (account.displayName() == null || account.displayName().isBlank()
                    || account.displayName().trim().length() > StaffAdministration.DISPLAY_NAME_MAX) {
                problems.add(new FieldProblem(prefix + "displayName", "staff.display-name.length", StaffAdministration.DISPLAY_NAME_MAX));
            }
            PasswordPolicy.check(account.username(), account.password()).ifPresent(p -> problems.add(prefixed(prefix, p)));
        }
        if (!problems.isEmpty()) {
            throw new DomainException(HttpStatus.UNPROCESSABLE_CONTENT, problems, "validation.failed");
        }
        String code = OrgUnitFields.code(request.companyCode());
        if (jdbc.sql("select count(*) from org_unit where code = ?").param(code).query(Long.class).single() > 0) {
            throw DomainException.invalid("company.code", "orgunit.code.taken", code);
        }
        jdbc.sql("insert into org_unit (code, name_zh, name_en, kind, parent_id, path) values (?, ?, ?, 'COMPANY', null, '/')")
                .params(code, request.companyNameZh().trim(), request.companyNameEn().trim()).update();
        long unitId = jdbc.sql("select id from org_unit where code = ?").param(code).query(Long.class).single();
        jdbc.sql("update org_unit set path = ? where id = ?").params("/" + unitId + "/", unitId).update();
        audit.record(IdentityAudit.ORG_UNIT_CREATED, "org-unit", code, "name=" + request.companyNameZh().trim());
        for (Slot slot : Slot.values()) {
            Account account = request.accounts().get(slot);
            // The installer chose the other administrators' passwords: each replaces theirs at the first sign-in.
            boolean mustChange = slot != Slot.admin;
            jdbc.sql("""
                    insert into staff (username, display_name, password_hash, org_unit_id, created_at, password_changed_at,
                        password_must_change)
                    values (?, ?, ?, ?, ?, ?, ?)""")
                    .params(account.username(), account.displayName().trim(), encoder.encode(account.password()), unitId,
                            Timestamp.from(now), Timestamp.from(now), mustChange)
                    .update();
            long staffId = jdbc.sql("select id from staff where username = ?").param(account.username()).query(Long.class).single();
            jdbc.sql("insert into staff_role (staff_id, role_code) values (?, ?)").params(staffId, slot.role().name()).update();
            audit.record(IdentityAudit.STAFF_CREATED, "staff", account.username(), "roles=" + slot.role().name() + " org=" + code);
        }
        String installer = request.accounts().get(Slot.admin).username();
        jdbc.sql("update setup_state set completed_at = ?, completed_by = ? where id = 1").params(Timestamp.from(now), installer).update();
        jdbc.sql("delete from setup_token").update();
        audit.record(IdentityAudit.SETUP_COMPLETED, "org-unit", code, "admin=" + installer + " address=" + from);
    }

    private boolean adminExists() {
        return jdbc.sql("""
                select count(*) from staff s join staff_role r on r.staff_id = s.id
                where r.role_code = 'ADMIN' and s.enabled""").query(Long.class).single() > 0;
    }

    /** A wrong token counts against the address and is audited, even though the setup itself is rolled back. */
    private void fail(String address, Instant now) {
        separately.executeWithoutResult(status -> jdbc.sql("insert into setup_attempt (address, attempted_at) values (?, ?)")
                .params(address, Timestamp.from(now)).update());
        audit.recordSecurityEvent(NOBODY, IdentityAudit.SETUP_TOKEN_REFUSED, address, "", AuditEntry.Outcome.FAILURE);
    }

    private static FieldProblem prefixed(String prefix, FieldProblem problem) {
        return new FieldProblem(prefix + problem.field(), problem.messageKey(), problem.arguments());
    }
}
