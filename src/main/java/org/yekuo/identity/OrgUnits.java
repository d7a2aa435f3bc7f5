package org.yekuo.identity;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** The org-unit tree: single units, the units in a data scope, and who a unit escalates to. */
@Component
@Transactional(readOnly = true)
public class OrgUnits {

    private final JdbcClient jdbc;
    private final StaffMembers staff;

    OrgUnits(JdbcClient jdbc, StaffMembers staff) {
        this.jdbc = jdbc;
        this.staff = staff;
    }

    public Optional<OrgUnit> byId(long id) {
        return jdbc.sql("select * from org_unit where id = ?").param(id).query(ROW).optional();
    }

    /**
     * The units in {@code scope}, parents before their children. Sorted here rather than in SQL
     * because database collations may ignore the slashes of the path.
     */
    public List<OrgUnit> within(DataScope scope) {
        return jdbc.sql("select * from org_unit where path like ?").param(scope.likePattern()).query(ROW).list()
                .stream().sorted(Comparator.comparing(OrgUnit::path)).toList();
    }

    /**
     * The department head responsible for the unit: one in the unit itself, else the nearest one
     * above it; empty when no unit on the way up to the company has one.
     */
    public Optional<StaffMember> departmentHeadOf(long orgUnitId) {
        List<Long> lineage = byId(orgUnitId).map(OrgUnit::lineage).orElse(List.of());
        if (lineage.isEmpty()) {
            return Optional.empty();
        }
        List<StaffMember> heads = staff.withRoleIn(Role.DEPARTMENT_HEAD, lineage);
        for (int i = lineage.size() - 1; i >= 0; i--) {
            long unit = lineage.get(i);
            Optional<StaffMember> head = heads.stream().filter(h -> h.orgUnitId() == unit).findFirst();
            if (head.isPresent()) {
                return head;
            }
        }
        return Optional.empty();
    }

    private static final RowMapper<OrgUnit> ROW = (rs, n) -> new OrgUnit(rs.getLong("id"), rs.getString("code"),
            rs.getString("name_zh"), rs.getString("name_en"), OrgUnit.Kind.valueOf(rs.getString("kind")),
            rs.getObject("parent_id", Long.class), rs.getString("path"), rs.getTimestamp("closed_at") != null);
}
