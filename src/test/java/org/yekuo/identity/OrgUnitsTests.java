package org.yekuo.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Instant;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;

@SpringBootTest
@AutoConfigureMockMvc
class OrgUnitsTests {

    @Autowired
    OrgUnits orgUnits;

    @Autowired
    StaffMembers staff;

    @Autowired
    JdbcClient jdbc;

    @Test
    @DisplayName("R-X-3 a member of staff's work mobile is sealed at rest, masked for display and opened only for sending")
    void staffMobileIsSealedAndMasked() {
        String sealed = jdbc.sql("select mobile_sealed from staff where username = 'surveyor'").query(String.class).single();
        String masked = jdbc.sql("select mobile_masked from staff where username = 'surveyor'").query(String.class).single();

        assertThat(staff.mobileOf("surveyor")).hasValueSatisfying(mobile -> {
            assertThat(mobile).matches("1\\d{10}");
            assertThat(sealed).doesNotContain(mobile);
            assertThat(masked).isEqualTo(mobile.substring(0, 3) + "****" + mobile.substring(7));
        });
        assertThat(staff.mobileOf("nobody-" + System.nanoTime())).isEmpty();
    }

    @Test
    @DisplayName("R-X-2 the department head of a unit is the nearest one on the way up the tree, skipping disabled staff")
    void departmentHeadIsTheNearestEnabledOneUpTheTree() {
        String suffix = Long.toString(System.nanoTime(), 36);
        OrgUnit west = unit(code("YK-WEST"));
        OrgUnit parent = addUnit("T-P-" + suffix, west);
        OrgUnit child = addUnit("T-C-" + suffix, parent);
        OrgUnit grandchild = addUnit("T-G-" + suffix, child);
        long parentHead = addStaff("thp." + suffix, parent, Role.DEPARTMENT_HEAD);
        long childHead = addStaff("thc." + suffix, child, Role.DEPARTMENT_HEAD);
        addStaff("tcl." + suffix, grandchild, Role.CLERK);

        assertThat(orgUnits.departmentHeadOf(grandchild.id())).map(StaffMember::id).contains(childHead);
        assertThat(orgUnits.departmentHeadOf(child.id())).map(StaffMember::id).contains(childHead);
        assertThat(orgUnits.departmentHeadOf(parent.id())).map(StaffMember::id).contains(parentHead);

        jdbc.sql("update staff set enabled = false where id = ?").param(childHead).update();
        assertThat(orgUnits.departmentHeadOf(grandchild.id())).map(StaffMember::id).contains(parentHead);
        assertThat(orgUnits.departmentHeadOf(-1)).isEmpty();
    }

    @Test
    @DisplayName("R-X-2 the seeded east station's teams escalate to the station head")
    void seededTeamsEscalateToTheirStationHead() {
        assertThat(orgUnits.departmentHeadOf(code("YK-EAST-FIELD"))).map(StaffMember::username).contains("head.east");
        assertThat(orgUnits.departmentHeadOf(code("YK-OPS"))).map(StaffMember::username).contains("head.ops");
    }

    @Test
    @DisplayName("R-X-2 the units in a scope come parents first and never include a unit outside it")
    void unitsWithinAScopeComeParentsFirst() {
        OrgUnit east = unit(code("YK-EAST"));
        assertThat(orgUnits.within(east.scope())).extracting(OrgUnit::code)
                .startsWith("YK-EAST").contains("YK-EAST-BIZ", "YK-EAST-FIELD").doesNotContain("YK", "YK-WEST", "YK-WEST-BIZ");
        assertThat(east.depth()).isEqualTo(1);
        assertThat(east.lineage()).hasSize(2).endsWith(east.id());
        assertThat(east.name(java.util.Locale.ENGLISH)).isEqualTo("East Supply Station");
    }

    @Test
    @DisplayName("R-X-2 staff with a role are found only inside the given data scope")
    void staffWithRoleStayInsideTheScope() {
        DataScope west = unit(code("YK-WEST")).scope();
        assertThat(staff.withRole(Role.CLERK, west)).extracting(StaffMember::username).contains("clerk.west").doesNotContain("clerk");
        StaffMember clerk = staff.byUsername("clerk").orElseThrow();
        assertThat(clerk.roles()).containsExactly(Role.CLERK);
        assertThat(staff.byId(clerk.id())).contains(clerk);
        assertThat(staff.byUsername("nobody-" + System.nanoTime())).isEmpty();
    }

    private long code(String code) {
        return jdbc.sql("select id from org_unit where code = ?").param(code).query(Long.class).single();
    }

    private OrgUnit unit(long id) {
        return orgUnits.byId(id).orElseThrow();
    }

    private OrgUnit addUnit(String code, OrgUnit parent) {
        jdbc.sql("insert into org_unit (code, name_zh, name_en, kind, parent_id, path) values (?, ?, ?, 'TEAM', ?, '/')")
                .params(code, code, code, parent.id()).update();
        long id = code(code);
        jdbc.sql("update org_unit set path = ? where id = ?").params(parent.path() + id + "/", id).update();
        return unit(id);
    }

    private long addStaff(String username, OrgUnit unit, Role role) {
        jdbc.sql("insert into staff (username, display_name, password_hash, org_unit_id, created_at) values (?, ?, '{bcrypt}unusable', ?, ?)")
                .params(username, username, unit.id(), Timestamp.from(Instant.now())).update();
        long id = jdbc.sql("select id from staff where username = ?").param(username).query(Long.class).single();
        jdbc.sql("insert into staff_role (staff_id, role_code) values (?, ?)").params(id, role.name()).update();
        return id;
    }
}
