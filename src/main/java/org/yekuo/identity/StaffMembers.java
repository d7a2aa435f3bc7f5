package org.yekuo.identity;

import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.yekuo.shared.PersonalDataCipher;

/** Looks up members of staff for other modules (assigning tasks, naming who did what). */
@Component
@Transactional(readOnly = true)
public class StaffMembers {

    private static final String SELECT = """
            select s.id, s.username, s.display_name, s.org_unit_id, o.path, s.enabled
            from staff s join org_unit o on o.id = s.org_unit_id""";

    private final JdbcClient jdbc;
    private final PersonalDataCipher cipher;

    StaffMembers(JdbcClient jdbc, PersonalDataCipher cipher) {
        this.jdbc = jdbc;
        this.cipher = cipher;
    }

    public Optional<StaffMember> byId(long id) {
        return first(jdbc.sql(SELECT + " where s.id = ?").param(id));
    }

    public Optional<StaffMember> byUsername(String username) {
        return first(jdbc.sql(SELECT + " where s.username = ?").param(username));
    }

    /** These members of staff, by username; ids that do not exist are left out. */
    public List<StaffMember> byIds(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return withRoles(jdbc.sql(SELECT + " where s.id in (:ids) order by s.username").param("ids", ids));
    }

    /**
     * The display names of these members of staff by username, in one read, for naming who did what on a
     * page; usernames that do not exist are left out.
     */
    public Map<String, String> displayNames(Collection<String> usernames) {
        if (usernames.isEmpty()) {
            return Map.of();
        }
        return jdbc.sql("select username, display_name from staff where username in (:usernames)")
                .param("usernames", Set.copyOf(usernames))
                .query((rs, n) -> Map.entry(rs.getString(1), rs.getString(2))).list().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    /** The member of staff's mobile number for work SMS, when one is on file. */
    public Optional<String> mobileOf(String username) {
        return jdbc.sql("select mobile_sealed from staff where username = ? and mobile_sealed is not null").param(username)
                .query(String.class).optional().map(cipher::decrypt);
    }

    /**
     * Whether a member of staff has this mobile number on file. Numbers are sealed with a random nonce, so
     * each is opened; staff with a mobile on file are a few hundred per utility, and this is asked once per rating.
     */
    public boolean ownsMobile(String phone) {
        return phone != null && jdbc.sql("select mobile_sealed from staff where mobile_sealed is not null").query(String.class)
                .list().stream().anyMatch(sealed -> phone.equals(cipher.decrypt(sealed)));
    }

    /** The enabled staff holding {@code role} in {@code scope}, by username. */
    public List<StaffMember> withRole(Role role, DataScope scope) {
        return withRoles(jdbc.sql(SELECT + " " + """
                 where s.enabled = true and o.path like ?
                   and exists (select 1 from staff_role r where r.staff_id = s.id and r.role_code = ?)
                 order by s.username""").params(scope.likePattern(), role.name()));
    }

    /**
     * The enabled staff holding {@code role} whose data scope includes {@code orgPath}: those who may take
     * a node of an order there (a team works for its station, a company department for the whole company,
     * see docs/adr/0002-data-scope.md).
     */
    public List<StaffMember> withRoleCovering(Role role, String orgPath) {
        return withRoles(jdbc.sql(SELECT + " " + """
                 left join org_unit p on p.id = o.parent_id
                 where s.enabled = true
                   and exists (select 1 from staff_role r where r.staff_id = s.id and r.role_code = :role)
                   and :path like concat(case when o.kind in ('TEAM', 'DEPARTMENT') and p.path is not null then p.path
                                              else o.path end, '%')
                 order by s.username""").param("role", role.name()).param("path", orgPath));
    }

    /** The enabled staff holding {@code role} in exactly these org units, by username. */
    List<StaffMember> withRoleIn(Role role, List<Long> orgUnitIds) {
        return withRoles(jdbc.sql(SELECT + " " + """
                 where s.enabled = true and s.org_unit_id in (:units)
                   and exists (select 1 from staff_role r where r.staff_id = s.id and r.role_code = :role)
                 order by s.username""").param("units", orgUnitIds).param("role", role.name()));
    }

    private Optional<StaffMember> first(JdbcClient.StatementSpec statement) {
        return withRoles(statement).stream().findFirst();
    }

    private List<StaffMember> withRoles(JdbcClient.StatementSpec statement) {
        List<Row> rows = statement.query(ROW).list();
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<Long, Set<Role>> roles = rolesOf(rows.stream().map(Row::id).toList());
        return rows.stream().map(row -> row.member(roles.getOrDefault(row.id(), Set.of()))).toList();
    }

    private Map<Long, Set<Role>> rolesOf(List<Long> staffIds) {
        return jdbc.sql("select staff_id, role_code from staff_role where staff_id in (:ids)").param("ids", staffIds)
                .query((rs, n) -> Map.entry(rs.getLong(1), Role.valueOf(rs.getString(2)))).list().stream()
                .collect(Collectors.groupingBy(Map.Entry::getKey, Collectors.mapping(Map.Entry::getValue,
                        Collectors.toCollection(() -> EnumSet.noneOf(Role.class)))));
    }

    private record Row(long id, String username, String displayName, long orgUnitId, String orgPath, boolean enabled) {

        StaffMember member(Set<Role> roles) {
            return new StaffMember(id, username, displayName, orgUnitId, orgPath, roles, enabled);
        }
    }

    private static final RowMapper<Row> ROW = (rs, n) -> new Row(rs.getLong("id"), rs.getString("username"),
            rs.getString("display_name"), rs.getLong("org_unit_id"), rs.getString("path"), rs.getBoolean("enabled"));
}
