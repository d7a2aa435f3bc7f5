package org.yekuo.identity.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.yekuo.audit.AuditEntry;
import org.yekuo.audit.AuditTrail;

@SpringBootTest
@AutoConfigureMockMvc
class StaffPagesTests {

    static final String PASSWORD = "Yekuo@2026";

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    AuditTrail audit;

    @Test
    @DisplayName("R-X-2 the security administrator creates a member of staff on the page and unlocks them")
    void securityAdministratorCreatesAndUnlocksOnThePage() throws Exception {
        String username = StaffApiTests.uniqueUsername();
        String location = mvc.perform(post("/staff").with(httpBasic("secadmin", PASSWORD)).with(csrf())
                        .param("username", username).param("displayName", "Page " + username)
                        .param("orgUnitId", Long.toString(unit("YK-WEST-BIZ"))).param("roles", "CLERK", "INSPECTOR")
                        .param("password", StaffApiTests.NEW_PASSWORD))
                .andExpect(status().is3xxRedirection())
                .andReturn().getResponse().getRedirectedUrl();
        long id = jdbc.sql("select id from staff where username = ?").param(username).query(Long.class).single();
        assertThat(location).isEqualTo("/staff/" + id);

        jdbc.sql("update staff set locked_until = ? where id = ?")
                .params(Timestamp.from(Instant.now().plus(10, ChronoUnit.MINUTES)), id).update();
        mvc.perform(get("/staff").param("q", username).with(httpBasic("secadmin", PASSWORD)))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("\u5171 1 \u6761")))
                .andExpect(content().string(containsString("data-testid=\"locked\"")));
        mvc.perform(get("/staff/{id}", id).with(httpBasic("secadmin", PASSWORD)))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("data-testid=\"unlock\"")));
        mvc.perform(post("/staff/{id}/unlock", id).with(httpBasic("secadmin", PASSWORD)).with(csrf()))
                .andExpect(status().is3xxRedirection());
        assertThat(audit.forSubject("staff", username)).extracting(AuditEntry::action)
                .containsExactly("staff.created", "staff.unlocked");
    }

    @Test
    @DisplayName("R-X-2 a refused form is shown again with the field's problem in the page's language, nothing saved")
    void refusedFormShowsTheFieldProblem() throws Exception {
        String username = StaffApiTests.uniqueUsername();
        mvc.perform(post("/staff").with(httpBasic("secadmin", PASSWORD)).with(csrf()).header("Accept-Language", "en")
                        .param("username", username).param("displayName", "Page " + username)
                        .param("orgUnitId", Long.toString(unit("YK-WEST-BIZ"))).param("roles", "ADMIN", "SECURITY_ADMIN")
                        .param("password", "weak"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().string(containsString("Roles: one person cannot be both System administrator and Security administrator")))
                .andExpect(content().string(containsString("Password: use 8 to 128 characters")))
                .andExpect(content().string(containsString("value=\"" + username + "\"")));
        assertThat(jdbc.sql("select count(*) from staff where username = ?").param(username).query(Long.class).single()).isZero();
    }

    @Test
    @DisplayName("R-X-2 the system administrator sees the staff list read-only; other staff are refused")
    void administratorReadsOnlyAndOthersAreRefused() throws Exception {
        mvc.perform(get("/staff").with(httpBasic("admin", PASSWORD)))
                .andExpect(status().isOk())
                .andExpect(content().string(not(containsString("href=\"/staff/new\""))));
        mvc.perform(get("/staff/new").with(httpBasic("admin", PASSWORD))).andExpect(status().isForbidden());
        mvc.perform(get("/staff/new").with(httpBasic("secadmin", PASSWORD))).andExpect(status().isOk())
                .andExpect(content().string(containsString("name=\"password\"")));
        mvc.perform(get("/staff").with(httpBasic("clerk", PASSWORD))).andExpect(status().isForbidden());
        mvc.perform(get("/staff").with(httpBasic("secadmin", PASSWORD)))
                .andExpect(content().string(containsString("href=\"/staff/new\"")));
    }

    @Test
    @DisplayName("R-X-2 a security administrator changing their own roles on the page is refused with the reason")
    void ownRolesAreRefusedOnThePage() throws Exception {
        long self = jdbc.sql("select id from staff where username = 'secadmin'").query(Long.class).single();
        mvc.perform(get("/staff/{id}", self).with(httpBasic("secadmin", PASSWORD)).header("Accept-Language", "en"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("You cannot change your own roles")))
                .andExpect(content().string(not(containsString("/staff/" + self + "/roles"))));
        mvc.perform(post("/staff/{id}/roles", self).param("roles", "SECURITY_ADMIN", "LEADER")
                        .with(httpBasic("secadmin", PASSWORD)).with(csrf()).header("Accept-Language", "en"))
                .andExpect(status().isForbidden())
                .andExpect(content().string(containsString("data-testid=\"error\"")));
        assertThat(jdbc.sql("select count(*) from staff_role where staff_id = ?").param(self).query(Long.class).single())
                .isEqualTo(1);
    }

    @Test
    @DisplayName("R-X-2 a member of staff outside the administrator's scope is not found on the page either")
    void staffOutsideTheScopeAreNotFound() throws Exception {
        long admin = jdbc.sql("select id from staff where username = 'admin'").query(Long.class).single();
        String stationAdmin = StaffApiTests.uniqueUsername();
        mvc.perform(post("/staff").with(httpBasic("secadmin", PASSWORD)).with(csrf())
                        .param("username", stationAdmin).param("displayName", "Station " + stationAdmin)
                        .param("orgUnitId", Long.toString(unit("YK-EAST"))).param("roles", "SECURITY_ADMIN")
                        .param("password", StaffApiTests.NEW_PASSWORD))
                .andExpect(redirectedUrl("/staff/approvals"));
        long change = jdbc.sql("select id from staff_change_request where username = ? and status = 'PENDING'").param(stationAdmin)
                .query(Long.class).single();
        mvc.perform(post("/staff/approvals/{id}/approve", change).with(httpBasic("secadmin", PASSWORD)).with(csrf()))
                .andExpect(status().isForbidden());
        mvc.perform(post("/staff/approvals/{id}/approve", change).with(httpBasic("secadmin.b", PASSWORD)).with(csrf()))
                .andExpect(redirectedUrl("/staff/approvals"));
        // Opens the page with a password alone, as the demo's accounts may; SecondFactorTests holds new accounts to a code.
        jdbc.sql("update staff set second_factor_waived = true where username = ?").param(stationAdmin).update();
        mvc.perform(get("/staff/{id}", admin).with(httpBasic(stationAdmin, StaffApiTests.NEW_PASSWORD)))
                .andExpect(status().isNotFound())
                .andExpect(content().string(containsString("data-testid=\"error\"")));
    }

    private long unit(String code) {
        return jdbc.sql("select id from org_unit where code = ?").param(code).query(Long.class).single();
    }
}
