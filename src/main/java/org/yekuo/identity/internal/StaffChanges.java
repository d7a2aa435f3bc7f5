package org.yekuo.identity.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.yekuo.identity.Role;

/** Stores changes to privileged accounts until a second security administrator decides on them. */
@Repository
class StaffChanges {

    private final JdbcClient jdbc;

    StaffChanges(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** What a change sets, as entered; the password only as its hash, the mobile only sealed and masked. */
    record Request(StaffChange.Kind kind, Long staffId, String username, String orgPath, String displayName, Long orgUnitId,
            Set<Role> roles, String passwordHash, String mobileSealed, String mobileMasked, Boolean enabled) {
    }

    /** A pending change with what it needs to be carried out. */
    record Pending(StaffChange change, String orgPath, String passwordHash, String mobileSealed) {
    }

    long file(Request request, String requestedBy, Instant now) {
        var keys = new org.springframework.jdbc.support.GeneratedKeyHolder();
        jdbc.sql("""
                insert into staff_change_request (kind, status, staff_id, username, org_path, display_name, org_unit_id, roles,
                    password_hash, mobile_sealed, mobile_masked, enabled, requested_by, requested_at)
                values (?, 'PENDING', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(request.kind().name(), request.staffId(), request.username(), request.orgPath(), request.displayName(),
                        request.orgUnitId(), request.roles() == null ? null : codes(request.roles()), request.passwordHash(),
                        request.mobileSealed(), request.mobileMasked(), request.enabled(), requestedBy, Timestamp.from(now))
                .update(keys, "id");
        return ((Number) keys.getKeys().get("id")).longValue();
    }

    Optional<Pending> pending(long id) {
        return jdbc.sql("select * from staff_change_request where id = ? and status = 'PENDING'").param(id)
                .query((rs, n) -> new Pending(change(rs), rs.getString("org_path"), rs.getString("password_hash"),
                        rs.getString("mobile_sealed")))
                .optional();
    }

    Optional<StaffChange> find(long id) {
        return jdbc.sql("select * from staff_change_request where id = ?").param(id).query((rs, n) -> change(rs)).optional();
    }

    /** Pending changes whose account lies in the org-unit path prefix, oldest first. */
    List<StaffChange> pendingWithin(String pathPrefix) {
        return jdbc.sql("select * from staff_change_request where status = 'PENDING' and org_path like ? order by id")
                .param(pathPrefix + "%").query((rs, n) -> change(rs)).list();
    }

    /** False when someone else decided first. */
    boolean decide(long id, StaffChange.Status status, String decidedBy, Instant now) {
        return jdbc.sql("update staff_change_request set status = ?, decided_by = ?, decided_at = ? where id = ? and status = 'PENDING'")
                .params(status.name(), decidedBy, Timestamp.from(now), id).update() == 1;
    }

    private static StaffChange change(ResultSet rs) throws SQLException {
        String roles = rs.getString("roles");
        Timestamp decided = rs.getTimestamp("decided_at");
        long staffId = rs.getLong("staff_id");
        Long staff = rs.wasNull() ? null : staffId;
        long unitId = rs.getLong("org_unit_id");
        Long unit = rs.wasNull() ? null : unitId;
        boolean enabled = rs.getBoolean("enabled");
        Boolean enabledValue = rs.wasNull() ? null : enabled;
        return new StaffChange(rs.getLong("id"), StaffChange.Kind.valueOf(rs.getString("kind")),
                StaffChange.Status.valueOf(rs.getString("status")), staff, rs.getString("username"), rs.getString("display_name"),
                unit, roles == null ? null : roleSet(roles), rs.getString("mobile_masked"), enabledValue, rs.getString("requested_by"),
                rs.getTimestamp("requested_at").toInstant(), rs.getString("decided_by"), decided == null ? null : decided.toInstant());
    }

    private static Set<Role> roleSet(String codes) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        Arrays.stream(codes.split(";")).filter(c -> !c.isBlank()).map(Role::valueOf).forEach(roles::add);
        return roles;
    }

    private static String codes(Set<Role> roles) {
        return roles.stream().sorted().map(Role::name).collect(Collectors.joining(";"));
    }
}
