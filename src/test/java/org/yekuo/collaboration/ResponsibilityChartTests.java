package org.yekuo.collaboration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.EnumMap;
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
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.yekuo.identity.CurrentUser;
import org.yekuo.identity.Role;
import org.yekuo.shared.DomainException;
import org.yekuo.support.Subjects;

import com.jayway.jsonpath.JsonPath;

/** The responsibility chart of the 8 stages, versioned, shown on the order it was in force for (R-COL-4). */
@SpringBootTest
@AutoConfigureMockMvc
class ResponsibilityChartTests {

    static final String PASSWORD = "Yekuo@2026";

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ResponsibilityChart chart;

    @Test
    @DisplayName("R-COL-4 every member of staff reads who is responsible, accountable, consulted and informed at each of the 8 stages")
    void staffReadTheChart() throws Exception {
        ResponsibilityChart.Version current = chart.current();
        assertThat(current.duties()).containsOnlyKeys(Stage.values());
        for (Stage stage : Stage.values()) {
            assertThat(current.holding(stage, Duty.A)).as(stage.name()).hasSize(1);
            assertThat(current.holding(stage, Duty.R)).as(stage.name()).isNotEmpty();
        }
        mvc.perform(get("/responsibilities").with(httpBasic("surveyor", PASSWORD)))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("岗位协作流程图")))
                .andExpect(content().string(Matchers.containsString("物资调配与配套工程")))
                .andExpect(content().string(Matchers.containsString("负责（R）")))
                .andExpect(content().string(Matchers.not(Matchers.containsString("edit-chart"))))
                .andExpect(content().string(Matchers.not(Matchers.containsString("MATERIALS_CLERK<"))));
        mvc.perform(get("/responsibilities/edit").with(httpBasic("surveyor", PASSWORD))).andExpect(status().isForbidden());
        mvc.perform(form("leader", defaults(current), "分管领导想改流程图")).andExpect(status().isForbidden());
    }

    @Test
    @DisplayName("R-COL-4 an administrator publishes a new version; orders accepted before keep the version they were accepted under")
    void publishingKeepsEarlierOrdersOnTheirVersion() throws Exception {
        long before = order();
        ResponsibilityChart.Version current = chart.current();
        Map<String, String> cells = defaults(current);
        cells.put("MATERIALS.LEADER", "I");
        cells.put("SURVEY.DESIGNER", "C");

        mvc.perform(get("/responsibilities/edit").with(httpBasic("admin", PASSWORD))).andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("第 " + (current.version() + 1) + " 版")));
        mvc.perform(form("admin", cells, "物资调配阶段增加知会分管领导"))
                .andExpect(redirectedUrl("/responsibilities"))
                .andExpect(flash().attribute("publishedVersion", current.version() + 1));
        long after = order();

        ResponsibilityChart.Version published = chart.current();
        assertThat(published.version()).isEqualTo(current.version() + 1);
        assertThat(published.holding(Stage.MATERIALS, Duty.I)).contains(Role.LEADER);
        assertThat(published.dutyOf(Stage.SURVEY, Role.DESIGNER)).contains(Duty.C);
        mvc.perform(get("/responsibilities/orders/{id}/panel", before).with(httpBasic("clerk", PASSWORD)))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("本工单受理时施行第 " + current.version() + " 版")));
        mvc.perform(get("/responsibilities/orders/{id}/panel", after).with(httpBasic("clerk", PASSWORD)))
                .andExpect(content().string(Matchers.containsString("本工单受理时施行第 " + published.version() + " 版")));
        mvc.perform(get("/responsibilities/orders/{id}/panel", after).with(httpBasic("clerk.west", PASSWORD)))
                .andExpect(status().isNotFound());
        mvc.perform(get("/responsibilities").with(httpBasic("admin", PASSWORD)))
                .andExpect(content().string(Matchers.containsString("物资调配阶段增加知会分管领导")));
        assertThat(jdbc.sql("select count(*) from audit_record where action = 'collaboration.chart.published' and subject_id = ?")
                .param("v" + published.version()).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    @DisplayName("R-COL-4 a chart with a stage lacking its one accountable or any responsible role is refused stage by stage, and"
            + " nothing is published")
    void incompleteChartIsRefused() throws Exception {
        ResponsibilityChart.Version current = chart.current();
        Map<Stage, Map<Role, Duty>> duties = new EnumMap<>(Stage.class);
        current.duties().forEach((stage, row) -> duties.put(stage, new EnumMap<>(row)));
        duties.get(Stage.COMPLETION).put(Role.LEADER, Duty.A);
        duties.get(Stage.SURVEY).remove(Role.SURVEYOR);
        duties.get(Stage.ACCEPTANCE).put(Role.ADMIN, Duty.I);
        CurrentUser admin = admin();

        assertThatThrownBy(() -> chart.publish(duties, "两个批准岗位", admin)).isInstanceOfSatisfying(DomainException.class, e -> {
            assertThat(e.status().value()).isEqualTo(422);
            assertThat(e.fieldProblems()).extracting(DomainException.FieldProblem::field)
                    .containsExactlyInAnyOrder("COMPLETION", "SURVEY", "ACCEPTANCE");
            assertThat(e.fieldProblems()).extracting(DomainException.FieldProblem::messageKey).containsExactlyInAnyOrder(
                    "collaboration.chart.one-accountable", "collaboration.chart.responsible-required",
                    "collaboration.chart.role-not-taking-part");
        });
        assertThatThrownBy(() -> chart.publish(current.duties(), "短", admin)).isInstanceOfSatisfying(DomainException.class,
                e -> assertThat(e.fieldProblems()).extracting(DomainException.FieldProblem::field).containsExactly("note"));
        assertThat(chart.current().version()).isEqualTo(current.version());

        Map<String, String> cells = defaults(current);
        cells.put("COMPLETION.LEADER", "A");
        mvc.perform(form("admin", cells, "竣工验收改由分管领导批准").header("Accept-Language", "zh-CN"))
                .andExpect(redirectedUrl("/responsibilities/edit"))
                .andExpect(flash().attribute("refusal", Matchers.hasToString(Matchers.containsString("“竣工验收”须有且只有一个批准岗位（A），现有 2 个"))));
        assertThat(chart.current().version()).isEqualTo(current.version());
    }

    static Map<String, String> defaults(ResponsibilityChart.Version version) {
        Map<String, String> cells = new java.util.HashMap<>();
        version.duties().forEach((stage, row) -> row.forEach((role, duty) -> cells.put(stage.name() + "." + role.name(), duty.name())));
        return cells;
    }

    MockHttpServletRequestBuilder form(String username, Map<String, String> cells, String note) {
        MockHttpServletRequestBuilder request = post("/responsibilities").with(httpBasic(username, PASSWORD)).with(csrf()).param("note", note);
        cells.forEach(request::param);
        return request;
    }

    CurrentUser admin() {
        long id = jdbc.sql("select id from staff where username = 'admin'").query(Long.class).single();
        String path = jdbc.sql("select path from org_unit where code = 'YK'").query(String.class).single();
        return new CurrentUser(id, "admin", "系统管理员", 0, "", "", path, path, java.util.Set.of(Role.ADMIN));
    }

    long order() throws Exception {
        String body = """
                {"typeCode":"LV_RES_NEW","applicantKind":"PERSON","applicantName":"欧阳责任","subjectCode":"%s",
                 "phone":"%s","supplyAddress":"示范市东郊新村 8 号","capacity":8,"capacityUnit":"KW","agent":false}"""
                .formatted(Subjects.idNumber(), Subjects.phone());
        String created = mvc.perform(post("/api/applications").with(httpBasic("clerk", PASSWORD))
                        .header("Idempotency-Key", UUID.randomUUID().toString()).contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        return ((Number) JsonPath.read(created, "$.id")).longValue();
    }
}
