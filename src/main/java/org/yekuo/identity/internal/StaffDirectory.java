package org.yekuo.identity.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Component;
import org.yekuo.identity.Role;

/**
 * Loads staff for sign-in, with their org unit and roles, and whether they must choose a new password first: after a
 * reset, or once it is older than {@code yekuo.security.password-max-age} (a password without a date, the demo seed's,
 * does not expire), and which step of the second factor the sign-in still owes ({@link SecondFactorPolicy}).
 */
@Component
class StaffDirectory implements UserDetailsService {

    private final JdbcClient jdbc;
    private final Clock clock;
    private final StaffSignIn.SecurityProperties properties;
    private final SecondFactorPolicy secondFactors;

    StaffDirectory(JdbcClient jdbc, Clock clock, StaffSignIn.SecurityProperties properties, SecondFactorPolicy secondFactors) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.properties = properties;
        this.secondFactors = secondFactors;
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        jdbc.sql("select r.role_code from staff_role r join staff s on s.id = r.staff_id where s.username = ?")
                .param(username).query(String.class).list().forEach(code -> roles.add(Role.valueOf(code)));
        return jdbc.sql("""
                select s.id, s.username, s.display_name, s.password_hash, s.enabled, s.locked_until, s.password_must_change,
                       s.password_changed_at, s.second_factor_waived,
                       (select f.confirmed_at from staff_second_factor f where f.staff_id = s.id) as second_factor_confirmed,
                       o.id as org_id, o.name_zh, o.name_en, o.path,
                       case when o.kind in ('TEAM', 'DEPARTMENT') and p.path is not null then p.path else o.path end as scope_path
                from staff s join org_unit o on o.id = s.org_unit_id left join org_unit p on p.id = o.parent_id
                where s.username = ?""")
                .param(username)
                .query((rs, n) -> {
                    Timestamp locked = rs.getTimestamp("locked_until");
                    Timestamp changed = rs.getTimestamp("password_changed_at");
                    Instant now = clock.instant();
                    boolean expired = changed != null && !changed.toInstant().plus(properties.passwordMaxAge()).isAfter(now);
                    return (UserDetails) new StaffPrincipal(rs.getLong("id"), rs.getString("username"),
                            rs.getString("display_name"), rs.getString("password_hash"), rs.getLong("org_id"),
                            rs.getString("name_zh"), rs.getString("name_en"), rs.getString("path"), rs.getString("scope_path"), roles,
                            rs.getBoolean("enabled"), locked == null ? null : locked.toInstant(), now,
                            rs.getBoolean("password_must_change") || expired,
                            secondFactors.step(roles, rs.getBoolean("second_factor_waived"),
                                    rs.getTimestamp("second_factor_confirmed") != null));
                })
                .optional()
                .orElseThrow(() -> new UsernameNotFoundException(username));
    }
}
