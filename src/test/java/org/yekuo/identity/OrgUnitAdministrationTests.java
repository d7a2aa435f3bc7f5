package org.yekuo.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.yekuo.audit.AuditTrail;
import org.yekuo.support.Subjects;

import com.jayway.jsonpath.JsonPath;

/** The system administrator's org-unit tree (R-X-2): create, rename, move with the data scope following, close. */
@SpringBootTest
@AutoConfigureMockMvc
class OrgUnitAdministrationTests {

    private static final String PASSWORD = "Yekuo@2026";

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PasswordEncoder encoder;

    @Autowired
    AuditTrail audit;

    private final String suffix = Long.toString(System.nanoTime(), 36).toUpperCase();

    @Test
    @DisplayName("R-X-2 a new unit is refused field by field as problem+json, and only the system administrator may change the tree")
    void invalidUnitsAreRefusedFieldByField() throws Exception {
        create(Map.of("code", "bad code", "nameZh", "", "nameEn", "x".repeat(101)), "admin")
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[*].field").value(Matchers.containsInAnyOrder("code", "nameZh", "nameEn", "parentId", "kind")));
        create(Map.of("parentId", id("YK"), "code", "YK-EAST", "nameZh", "重复", "nameEn", "Duplicate", "kind", "STATION"), "admin")
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("code"));
        create(Map.of("parentId", id("YK-EAST-BIZ"), "code", "T-" + suffix, "nameZh", "班下", "nameEn", "Under a team", "kind", "TEAM"), "admin")
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("parentId"));
        for (String other : List.of("secadmin", "leader", "head.east", "auditor")) {
            create(unit("X" + other.length() + suffix, id("YK"), "STATION"), other).andExpect(status().isForbidden());
        }
        assertThat(jdbc.sql("select count(*) from org_unit where code like ?").param("%" + suffix).query(Long.class).single()).isZero();
    }

    @Test
    @DisplayName("R-X-2 a unit is created under its parent and renamed, each change audited")
    void createsAndRenamesAUnit() throws Exception {
        long station = created(unit("S-" + suffix, id("YK"), "DEPARTMENT"));
        mvc.perform(put("/api/identity/org-units/{id}/name", station).with(httpBasic("admin", PASSWORD))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"nameZh\":\"城北供电所\",\"nameEn\":\"North Supply Station\"}"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.nameZh").value("城北供电所"));
        assertThat(jdbc.sql("select path from org_unit where id = ?").param(station).query(String.class).single())
                .isEqualTo("/" + id("YK") + "/" + station + "/");
        assertThat(jdbc.sql("select action from audit_record where subject_type = 'org-unit' and subject_id = ? order by seq")
                .param("S-" + suffix).query(String.class).list()).containsExactly("org-unit.created", "org-unit.renamed");
    }

    @Test
    @DisplayName("R-X-2 moving a team moves its orders' data scope in the same step: the new station's head sees them, the old one's no longer")
    void scopeFollowsAMove() throws Exception {
        // Stations inside the west station, so that lists of stations (sorted by path) still start with the demo's.
        long north = created(unit("N-" + suffix, id("YK-WEST"), "STATION"));
        long south = created(unit("SO-" + suffix, id("YK-WEST"), "STATION"));
        long team = created(unit("NT-" + suffix, north, "TEAM"));
        staff("nh" + suffix.toLowerCase(), north, Role.DEPARTMENT_HEAD);
        staff("sh" + suffix.toLowerCase(), south, Role.DEPARTMENT_HEAD);
        staff("nc" + suffix.toLowerCase(), team, Role.CLERK);
        long order = accept("nc" + suffix.toLowerCase());
        String oldPath = jdbc.sql("select path from org_unit where id = ?").param(team).query(String.class).single();
        readable(order, "nh" + suffix.toLowerCase()).andExpect(status().isOk());
        readable(order, "sh" + suffix.toLowerCase()).andExpect(status().isNotFound());

        mvc.perform(put("/api/identity/org-units/{id}/parent", team).with(httpBasic("admin", PASSWORD))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"parentId\":" + south + "}"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.parentId").value(south));

        readable(order, "sh" + suffix.toLowerCase()).andExpect(status().isOk());
        readable(order, "nh" + suffix.toLowerCase()).andExpect(status().isNotFound());
        String newPath = "/" + id("YK") + "/" + id("YK-WEST") + "/" + south + "/" + team + "/";
        assertThat(jdbc.sql("select path from org_unit where id = ?").param(team).query(String.class).single()).isEqualTo(newPath);
        // Every copy of an org path in every module followed: no row anywhere still names the old path.
        List<String[]> columns = jdbc.sql("""
                select table_name, column_name from information_schema.columns
                where table_schema = current_schema() and column_name like '%path' and table_name <> 'org_unit'""")
                .query((rs, n) -> new String[] {rs.getString(1), rs.getString(2)}).list();
        assertThat(columns).hasSizeGreaterThan(15);
        for (String[] column : columns) {
            assertThat(jdbc.sql("select count(*) from " + column[0] + " where " + column[1] + " like ?").param(oldPath + "%")
                    .query(Long.class).single()).as("%s.%s", column[0], column[1]).isZero();
        }
        assertThat(jdbc.sql("select count(*) from application where id = ? and org_path = ?").params(order, newPath)
                .query(Long.class).single()).isEqualTo(1);
        // A unit cannot go under itself or below itself.
        mvc.perform(put("/api/identity/org-units/{id}/parent", south).with(httpBasic("admin", PASSWORD))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"parentId\":" + south + "}"))
                .andExpect(status().isUnprocessableContent()).andExpect(jsonPath("$.errors[0].field").value("parentId"));
        assertThat(audit.verify().intact()).isTrue();
    }

    @Test
    @DisplayName("R-X-2 a unit with enabled staff or open orders is not closed and the answer says what keeps it; an empty one closes with its sub-units")
    void closingSaysWhatBlocksIt() throws Exception {
        long station = created(unit("C-" + suffix, id("YK"), "DEPARTMENT"));
        long team = created(unit("CT-" + suffix, station, "TEAM"));
        String clerk = "cc" + suffix.toLowerCase();
        long clerkId = staff(clerk, team, Role.CLERK);
        accept(clerk);
        mvc.perform(post("/api/identity/org-units/{id}/closure", station).with(httpBasic("admin", PASSWORD)).header("Accept-Language", "en"))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value(Matchers.containsString("1 enabled staff accounts and 1 open orders")));

        long empty = created(unit("E-" + suffix, id("YK"), "DEPARTMENT"));
        long below = created(unit("ET-" + suffix, empty, "TEAM"));
        mvc.perform(post("/api/identity/org-units/{id}/closure", empty).with(httpBasic("admin", PASSWORD)))
                .andExpect(status().isOk()).andExpect(jsonPath("$.closed").value(true));
        assertThat(jdbc.sql("select count(*) from org_unit where id = ? and closed_at is not null").param(below).query(Long.class).single())
                .isEqualTo(1);
        // A closed unit takes no new units and no staff.
        create(unit("EX-" + suffix, empty, "TEAM"), "admin").andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("parentId"));
        mvc.perform(put("/api/identity/staff/{id}/org-unit", clerkId).with(httpBasic("secadmin", PASSWORD))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"orgUnitId\":" + below + "}"))
                .andExpect(status().isUnprocessableContent());
        mvc.perform(post("/api/identity/org-units/{id}/closure", id("YK")).with(httpBasic("admin", PASSWORD)))
                .andExpect(status().isConflict());
    }

    @Test
    @DisplayName("R-X-1 the org-unit page lists the tree in words and refuses a bad unit on the form")
    void thePageShowsTheTreeAndRefusals() throws Exception {
        mvc.perform(get("/org-units").with(httpBasic("admin", PASSWORD))).andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("城东供电所")))
                .andExpect(content().string(Matchers.containsString("供电所")));
        mvc.perform(post("/org-units").with(httpBasic("admin", PASSWORD))
                        .with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf())
                        .param("parentId", Long.toString(id("YK"))).param("code", "x y").param("nameZh", "").param("nameEn", "North")
                        .param("kind", "STATION"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().string(Matchers.containsString("名称（中文）：必填")))
                .andExpect(content().string(Matchers.containsString("编码：须为")));
        mvc.perform(get("/org-units").with(httpBasic("secadmin", PASSWORD))).andExpect(status().isForbidden());
    }

    private Map<String, Object> unit(String code, long parent, String kind) {
        return Map.of("parentId", parent, "code", code, "nameZh", "单位" + code, "nameEn", "Unit " + code, "kind", kind);
    }

    private long created(Map<String, Object> unit) throws Exception {
        String body = create(unit, "admin").andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        return ((Number) JsonPath.read(body, "$.id")).longValue();
    }

    private ResultActions create(Map<String, ?> unit, String as) throws Exception {
        return mvc.perform(post("/api/identity/org-units").with(httpBasic(as, PASSWORD)).contentType(MediaType.APPLICATION_JSON)
                .content(new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(unit)));
    }

    private long staff(String username, long unit, Role role) {
        Timestamp now = Timestamp.from(Instant.now());
        jdbc.sql("""
                insert into staff (username, display_name, password_hash, org_unit_id, created_at, password_changed_at)
                values (?, ?, ?, ?, ?, ?)""").params(username, username, encoder.encode(PASSWORD), unit, now, now).update();
        long id = jdbc.sql("select id from staff where username = ?").param(username).query(Long.class).single();
        jdbc.sql("insert into staff_role (staff_id, role_code) values (?, ?)").params(id, role.name()).update();
        // Signing for the acceptance needs the business type's certification (R-MAN), as the demo's staff hold it.
        jdbc.sql("insert into manual_certification (username, type_code, edition_no, certified_at, valid_until) values (?, 'LV_RES_NEW', 1, ?, ?)")
                .params(username, now, Timestamp.from(Instant.now().plus(java.time.Duration.ofDays(365)))).update();
        return id;
    }

    private long accept(String clerk) throws Exception {
        String created = mvc.perform(post("/api/applications").with(httpBasic(clerk, PASSWORD))
                        .header("Idempotency-Key", UUID.randomUUID().toString()).contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"typeCode":"LV_RES_NEW","applicantKind":"PERSON","applicantName":"调整测试","subjectCode":"%s",
                                 "phone":"%s","supplyAddress":"示范市城北区人民路 300 号","capacity":8,"capacityUnit":"KW","agent":false}"""
                                .formatted(Subjects.idNumber(), Subjects.phone())))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        return ((Number) JsonPath.read(created, "$.id")).longValue();
    }

    private ResultActions readable(long order, String as) throws Exception {
        return mvc.perform(get("/api/applications/{id}", order).with(httpBasic(as, PASSWORD)));
    }

    private long id(String code) {
        return jdbc.sql("select id from org_unit where code = ?").param(code).query(Long.class).single();
    }
}
