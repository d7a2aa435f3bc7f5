package org.yekuo.identity.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.yekuo.audit.AuditEntry;
import org.yekuo.audit.AuditTrail;

import com.jayway.jsonpath.JsonPath;

@SpringBootTest
@AutoConfigureMockMvc
class StaffApiTests {

    static final String PASSWORD = "Yekuo@2026";
    static final String NEW_PASSWORD = "Station#2026";
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    AuditTrail audit;

    @Test
    @DisplayName("R-X-2 a security administrator creates, edits and disables staff, each change audited")
    void securityAdministratorCreatesEditsAndDisablesStaff() throws Exception {
        String username = uniqueUsername();
        long id = id(create(username, "YK-EAST-BIZ", "[\"CLERK\"]")
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.username").value(username))
                .andExpect(jsonPath("$.roles").value(hasItem("CLERK")))
                .andExpect(jsonPath("$.enabled").value(true)));

        mvc.perform(asSecadmin(put("/api/identity/staff/{id}/roles", id)).content("{\"roles\":[\"CLERK\",\"SURVEYOR\"]}"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.roles.length()").value(2));
        mvc.perform(asSecadmin(put("/api/identity/staff/{id}/org-unit", id)).content("{\"orgUnitId\":" + unit("YK-EAST-FIELD") + "}"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.orgUnitId").value(unit("YK-EAST-FIELD")));
        mvc.perform(asSecadmin(put("/api/identity/staff/{id}/password", id)).content("{\"password\":\"" + NEW_PASSWORD + "\"}"))
                .andExpect(status().isNoContent());
        mvc.perform(get("/api/identity/staff/{id}", id).with(httpBasic(username, NEW_PASSWORD))).andExpect(status().isForbidden());
        mvc.perform(asSecadmin(put("/api/identity/staff/{id}/enabled", id)).content("{\"enabled\":false}"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.enabled").value(false));
        mvc.perform(get("/api/identity/org-units").with(httpBasic(username, NEW_PASSWORD))).andExpect(status().isUnauthorized());

        assertThat(audit.forSubject("staff", username)).extracting(AuditEntry::action).containsExactly("staff.created",
                "staff.roles-changed", "staff.org-unit-changed", "staff.password-reset", "staff.disabled");
        assertThat(audit.forSubject("staff", username)).allSatisfy(entry -> {
            assertThat(entry.actor()).isEqualTo("secadmin");
            assertThat(entry.detail()).doesNotContain(NEW_PASSWORD).doesNotContain("Test");
        });
        assertThat(audit.forSubject("staff", username).get(1).detail()).isEqualTo("from=CLERK to=CLERK;SURVEYOR");
        assertThat(audit.forSubject("staff", username).get(2).detail()).isEqualTo("from=YK-EAST-BIZ to=YK-EAST-FIELD");
    }

    @Test
    @DisplayName("R-SLA-3 R-X-3 a work mobile is optional, checked, stored sealed, shown masked and audited without the number")
    void workMobileIsOptionalCheckedAndMasked() throws Exception {
        String username = uniqueUsername();
        long id = id(create(username, "YK-EAST-FIELD", "[\"SURVEYOR\"]").andExpect(status().isCreated())
                .andExpect(jsonPath("$.mobileMasked").doesNotExist()));
        mvc.perform(asSecadmin(put("/api/identity/staff/{id}/mobile", id)).content("{\"mobile\":\"12345\"}"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("mobile"));
        assertThat(jdbc.sql("select count(*) from staff where id = ? and mobile_sealed is null").param(id).query(Long.class).single())
                .isEqualTo(1);
        mvc.perform(asSecadmin(put("/api/identity/staff/{id}/mobile", id)).content("{\"mobile\":\"139 1234 5678\"}"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.mobileMasked").value("139****5678"));
        assertThat(jdbc.sql("select mobile_sealed from staff where id = ?").param(id).query(String.class).single())
                .doesNotContain("13912345678");
        assertThat(audit.forSubject("staff", username)).extracting(AuditEntry::detail).contains("mobile=139****5678")
                .noneMatch(detail -> detail.contains("13912345678"));
        mvc.perform(asSecadmin(put("/api/identity/staff/{id}/mobile", id)).content("{\"mobile\":\"\"}"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.mobileMasked").doesNotExist());
    }

    @Test
    @DisplayName("R-X-2 a weak password is refused naming the field and what is allowed, in Chinese and English, and nothing is saved")
    void weakPasswordIsRefusedNamingTheField() throws Exception {
        String username = uniqueUsername();
        create(username, "YK-EAST-BIZ", "[\"CLERK\"]", "password1")
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("password"))
                .andExpect(jsonPath("$.errors[0].message").value(containsString("\u5bc6\u7801")))
                .andExpect(jsonPath("$.errors[0].message").value(containsString("3")));
        mvc.perform(asSecadmin(post("/api/identity/staff")).header("Accept-Language", "en")
                        .content(body(username, "YK-EAST-BIZ", "[\"CLERK\"]", "Ab1!")))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("password"))
                .andExpect(jsonPath("$.errors[0].message").value(
                        "Password: use 8 to 128 characters with at least 3 of: upper-case letters, lower-case letters, digits, symbols"));
        mvc.perform(asSecadmin(post("/api/identity/staff")).header("Accept-Language", "en")
                        .content(body(username, "YK-EAST-BIZ", "[\"CLERK\"]", "abcdefgh12")))
                .andExpect(jsonPath("$.errors[0].message").value("Password: use at least 3 of the 4 kinds upper-case letters, lower-case letters, digits, symbols"));

        assertThat(jdbc.sql("select count(*) from staff where username = ?").param(username).query(Long.class).single()).isZero();
        assertThat(audit.forSubject("staff", username)).isEmpty();
    }

    @Test
    @DisplayName("R-X-2 a username outside 3-60 of [a-z0-9._-] is refused naming the field, in Chinese and English")
    void badUsernameIsRefusedNamingTheField() throws Exception {
        create("Wang Li", "YK-EAST-BIZ", "[\"CLERK\"]")
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("username"))
                .andExpect(jsonPath("$.errors[0].message").value(
                        "\u7528\u6237\u540d\uff1a\u957f\u5ea6 3 \u81f3 60 \u4f4d\uff0c\u53ea\u80fd\u4f7f\u7528\u5c0f\u5199\u5b57\u6bcd a-z\u3001\u6570\u5b57 0-9\u3001\u70b9\u3001\u4e0b\u5212\u7ebf\u548c\u8fde\u5b57\u7b26"));
        mvc.perform(asSecadmin(post("/api/identity/staff")).header("Accept-Language", "en")
                        .content(body("ab", "YK-EAST-BIZ", "[\"CLERK\"]", NEW_PASSWORD)))
                .andExpect(jsonPath("$.errors[0].field").value("username"))
                .andExpect(jsonPath("$.errors[0].message").value(
                        "Username: use 3 to 60 characters, only lower-case letters a-z, digits 0-9, dot, underscore and hyphen"));
        mvc.perform(asSecadmin(post("/api/identity/staff")).header("Accept-Language", "en")
                        .content(body("clerk", "YK-EAST-BIZ", "[\"CLERK\"]", NEW_PASSWORD)))
                .andExpect(jsonPath("$.errors[0].field").value("username"))
                .andExpect(jsonPath("$.errors[0].message").value("Username: this username is already taken, choose another"));
    }

    @Test
    @DisplayName("R-X-2 one person cannot hold two of system, security and audit administration")
    void separationOfDutiesIsRefusedWithTheReason() throws Exception {
        String username = uniqueUsername();
        mvc.perform(asSecadmin(post("/api/identity/staff")).header("Accept-Language", "en")
                        .content(body(username, "YK", "[\"ADMIN\",\"AUDITOR\"]", NEW_PASSWORD)))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("roles"))
                .andExpect(jsonPath("$.errors[0].message").value(
                        "Roles: one person cannot be both Auditor and System administrator; system, security and audit administration are separate duties"));

        long id = createApproved(username, "YK", "[\"AUDITOR\"]");
        mvc.perform(asSecadmin(put("/api/identity/staff/{id}/roles", id)).content("{\"roles\":[\"AUDITOR\",\"SECURITY_ADMIN\"]}"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("roles"));
        assertThat(roles(username)).containsExactly("AUDITOR");
        assertThat(audit.forSubject("staff", username)).extracting(AuditEntry::action)
                .containsExactly("staff.change-requested", "staff.change-approved", "staff.created");
    }

    @Test
    @DisplayName("R-X-2 a security administrator cannot change their own roles or disable themselves")
    void securityAdministratorCannotChangeOwnRolesOrDisableThemselves() throws Exception {
        long self = jdbc.sql("select id from staff where username = 'secadmin'").query(Long.class).single();
        mvc.perform(asSecadmin(put("/api/identity/staff/{id}/roles", self)).content("{\"roles\":[\"SECURITY_ADMIN\",\"LEADER\"]}"))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.code").value("staff.roles.own"));
        mvc.perform(asSecadmin(put("/api/identity/staff/{id}/enabled", self)).content("{\"enabled\":false}"))
                .andExpect(status().isForbidden());
        assertThat(roles("secadmin")).containsExactly("SECURITY_ADMIN");
    }

    @Test
    @DisplayName("R-X-2 a station's security administrator sees and edits only their station's staff")
    void stationSecurityAdministratorStaysInsideTheStation() throws Exception {
        String stationAdmin = uniqueUsername();
        createApproved(stationAdmin, "YK-WEST", "[\"SECURITY_ADMIN\"]");
        // Calls the API with a password alone, as the demo's accounts may; SecondFactorTests holds new accounts to a code.
        jdbc.sql("update staff set second_factor_waived = true where username = ?").param(stationAdmin).update();
        long eastClerk = jdbc.sql("select id from staff where username = 'clerk'").query(Long.class).single();

        mvc.perform(get("/api/identity/staff").param("size", "100").with(httpBasic(stationAdmin, NEW_PASSWORD)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.staff[*].username").value(hasItem("clerk.west")))
                .andExpect(jsonPath("$.staff[*].username").value(not(hasItem("clerk"))))
                .andExpect(jsonPath("$.staff[*].username").value(not(hasItem("secadmin"))));
        mvc.perform(get("/api/identity/staff/{id}", eastClerk).with(httpBasic(stationAdmin, NEW_PASSWORD)))
                .andExpect(status().isNotFound());
        mvc.perform(put("/api/identity/staff/{id}/roles", eastClerk).with(httpBasic(stationAdmin, NEW_PASSWORD))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"roles\":[\"LEADER\"]}"))
                .andExpect(status().isNotFound());
        mvc.perform(post("/api/identity/staff").with(httpBasic(stationAdmin, NEW_PASSWORD)).contentType(MediaType.APPLICATION_JSON)
                        .content(body(uniqueUsername(), "YK-EAST-BIZ", "[\"CLERK\"]", NEW_PASSWORD)))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("orgUnitId"));
        mvc.perform(get("/api/identity/staff").param("orgUnitId", Long.toString(unit("YK-EAST")))
                        .with(httpBasic(stationAdmin, NEW_PASSWORD)))
                .andExpect(status().isUnprocessableContent());
        mvc.perform(get("/api/identity/org-units").with(httpBasic(stationAdmin, NEW_PASSWORD)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.length()").value(1))
                .andExpect(jsonPath("$[0].code").value("YK-WEST"))
                .andExpect(jsonPath("$[0].children[*].code").value(hasItem("YK-WEST-BIZ")));
        assertThat(roles("clerk")).containsExactly("CLERK");
    }

    @Test
    @DisplayName("R-X-2 only security administrators change staff; system administrators only read the list")
    void othersCannotAdministerStaff() throws Exception {
        mvc.perform(get("/api/identity/staff").with(httpBasic("admin", PASSWORD)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.total").isNumber());
        mvc.perform(post("/api/identity/staff").with(httpBasic("admin", PASSWORD)).contentType(MediaType.APPLICATION_JSON)
                        .content(body(uniqueUsername(), "YK-EAST-BIZ", "[\"CLERK\"]", NEW_PASSWORD)))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.code").value("security.forbidden"));
        mvc.perform(get("/api/identity/staff").with(httpBasic("clerk", PASSWORD))).andExpect(status().isForbidden());
        mvc.perform(get("/api/identity/staff").with(httpBasic("auditor", PASSWORD))).andExpect(status().isForbidden());
    }

    @Test
    @DisplayName("R-X-2 the list shows locked accounts and the security administrator unlocks them, audited")
    void securityAdministratorUnlocksALockedAccount() throws Exception {
        String username = uniqueUsername();
        long id = id(create(username, "YK-WEST-BIZ", "[\"CLERK\"]").andExpect(status().isCreated()));
        jdbc.sql("update staff set locked_until = ? where id = ?")
                .params(Timestamp.from(Instant.now().plus(15, ChronoUnit.MINUTES)), id).update();
        mvc.perform(get("/api/identity/staff").param("q", username).with(httpBasic(username, NEW_PASSWORD)))
                .andExpect(status().isUnauthorized());

        mvc.perform(asSecadmin(get("/api/identity/staff")).param("q", username.toUpperCase()))
                .andExpect(jsonPath("$.total").value(1))
                .andExpect(jsonPath("$.staff[0].locked").value(true))
                .andExpect(jsonPath("$.staff[0].lockedUntil").isNotEmpty());
        mvc.perform(asSecadmin(post("/api/identity/staff/{id}/unlock", id)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.locked").value(false));
        mvc.perform(get("/api/identity/org-units").with(httpBasic(username, NEW_PASSWORD))).andExpect(status().isOk());
        assertThat(audit.forSubject("staff", username)).extracting(AuditEntry::action).containsExactly("staff.created", "staff.unlocked");
    }

    @Test
    @DisplayName("R-X-2 the staff list filters by org unit and text and counts the matches")
    void listFiltersByOrgUnitAndText() throws Exception {
        mvc.perform(asSecadmin(get("/api/identity/staff")).param("orgUnitId", Long.toString(unit("YK-EAST"))).param("size", "100"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.staff[*].username").value(hasItem("clerk")))
                .andExpect(jsonPath("$.staff[*].username").value(hasItem("head.east")))
                .andExpect(jsonPath("$.staff[*].username").value(not(hasItem("clerk.west"))));
        mvc.perform(asSecadmin(get("/api/identity/staff")).param("q", "head.e"))
                .andExpect(jsonPath("$.total").value(1))
                .andExpect(jsonPath("$.staff[0].username").value("head.east"));
        mvc.perform(asSecadmin(get("/api/identity/staff")).param("q", "%"))
                .andExpect(jsonPath("$.total").value(0));
        mvc.perform(asSecadmin(get("/api/identity/staff")).param("size", "500").header("Accept-Language", "en"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("size"))
                .andExpect(jsonPath("$.errors[0].message").value("Size: give a page size from 1 to 100"));
    }

    /**
     * Creates an account with a privileged role the way it must be: asked for by {@code secadmin}, approved by the
     * second security administrator {@code secadmin.b}; answers its id.
     */
    private long createApproved(String username, String orgCode, String roles) throws Exception {
        String pending = create(username, orgCode, roles).andExpect(status().isAccepted())
                .andExpect(jsonPath("$.status").value("PENDING"))
                .andReturn().getResponse().getContentAsString();
        long change = ((Number) JsonPath.read(pending, "$.id")).longValue();
        mvc.perform(post("/api/identity/staff-changes/{id}/approval", change).with(httpBasic("secadmin.b", PASSWORD)))
                .andExpect(status().isOk()).andExpect(jsonPath("$.status").value("APPROVED"));
        return jdbc.sql("select id from staff where username = ?").param(username).query(Long.class).single();
    }

    static String uniqueUsername() {
        return "t" + Long.toString(System.currentTimeMillis(), 36) + "." + SEQUENCE.incrementAndGet();
    }

    private ResultActions create(String username, String orgCode, String roles) throws Exception {
        return create(username, orgCode, roles, NEW_PASSWORD);
    }

    private ResultActions create(String username, String orgCode, String roles, String password) throws Exception {
        return mvc.perform(asSecadmin(post("/api/identity/staff")).content(body(username, orgCode, roles, password)));
    }

    private String body(String username, String orgCode, String roles, String password) {
        return "{\"username\":\"" + username + "\",\"displayName\":\"Test " + username + "\",\"orgUnitId\":" + unit(orgCode)
                + ",\"roles\":" + roles + ",\"password\":\"" + password + "\"}";
    }

    private static MockHttpServletRequestBuilder asSecadmin(MockHttpServletRequestBuilder request) {
        return request.with(httpBasic("secadmin", PASSWORD)).contentType(MediaType.APPLICATION_JSON);
    }

    private long unit(String code) {
        return jdbc.sql("select id from org_unit where code = ?").param(code).query(Long.class).single();
    }

    private List<String> roles(String username) {
        return jdbc.sql("select r.role_code from staff_role r join staff s on s.id = r.staff_id where s.username = ? order by 1")
                .param(username).query(String.class).list();
    }

    private static long id(ResultActions result) throws Exception {
        return ((Number) JsonPath.read(result.andReturn().getResponse().getContentAsString(), "$.id")).longValue();
    }
}
