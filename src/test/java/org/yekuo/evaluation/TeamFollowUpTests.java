package org.yekuo.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Locale;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.yekuo.reporting.ReportMonth;
import org.yekuo.identity.DataScope;
import org.yekuo.shared.ClockConfiguration;

/**
 * R-EVA-5/6/7: the station's monthly follow-up of its ratings: low ratings traced to a cause, improvement
 * tasks closed, team colours with bonus or rectification report, service stars, and versioned rules.
 * Ratings are written as the rating desk writes them, in months of 2024 that no other test uses.
 */
@SpringBootTest
@AutoConfigureMockMvc
class TeamFollowUpTests {

    private static final String PASSWORD = "Yekuo@2026";
    private static final RequestPostProcessor HEAD_EAST = httpBasic("head.east", PASSWORD);
    private static final YearMonth MARCH = YearMonth.of(2024, 3);

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TeamColours colours;

    @Autowired
    EvaluationRules rules;

    String east;
    String eastTeam;
    String west;

    @BeforeEach
    void units() {
        east = path("YK-EAST");
        eastTeam = path("YK-EAST-BIZ");
        west = path("YK-WEST");
        EvaluationFixtures.clearMonths(jdbc, YearMonth.of(2024, 1), YearMonth.of(2024, 6));
    }

    private String path(String code) {
        return jdbc.sql("select path from org_unit where code = ?").param(code).query(String.class).single();
    }

    private String traces() throws Exception {
        return mvc.perform(get("/evaluations/traces").param("month", MARCH.toString()).with(HEAD_EAST)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
    }

    @Test
    @DisplayName("R-EVA-5 a rating below 4 shows red until traced: to staff attitude with a visit and the person's deduction, "
            + "or to a process defect whose task its assignee closes; bad input is named and nothing saved")
    void lowRatingsAreTracedToACause() throws Exception {
        String rude = EvaluationFixtures.rated(jdbc, eastTeam, "LV_RES_NEW", 3, 1, 2, "", MARCH, 5, "surveyor");
        String slow = EvaluationFixtures.rated(jdbc, eastTeam, "LV_RES_NEW", 2, 4, 4, "", MARCH, 6, "surveyor");
        String fine = EvaluationFixtures.rated(jdbc, eastTeam, "LV_RES_NEW", 4, 4, 4, "", MARCH, 7, "surveyor");
        String flagged = EvaluationFixtures.rated(jdbc, eastTeam, "LV_RES_NEW", 1, 1, 1, "TOO_FAST", MARCH, 8, "surveyor");
        String elsewhere = EvaluationFixtures.rated(jdbc, west, "LV_RES_NEW", 1, 1, 1, "", MARCH, 8, "surveyor");
        assertThat(traces()).contains(rude, slow, "待追溯（2024-03-31 前完成）").doesNotContain(fine).doesNotContain(flagged)
                .doesNotContain(elsewhere);

        long rudeId = EvaluationFixtures.evaluationId(jdbc, rude);
        String today = LocalDate.now(ClockConfiguration.UTILITY_ZONE).toString();
        String refused = mvc.perform(post("/evaluations/traces/{id}", rudeId).param("month", MARCH.toString()).with(HEAD_EAST).with(csrf())
                        .param("cause", "STAFF_ATTITUDE").param("staffUsername", "clerk")
                        .param("visitDate", LocalDate.now(ClockConfiguration.UTILITY_ZONE).plusDays(1).toString()))
                .andExpect(status().isUnprocessableContent()).andReturn().getResponse().getContentAsString();
        assertThat(refused).contains("请选择为该申请办理过的员工").contains("不能晚于今天").contains("请填写，最多 500 字");
        assertThat(jdbc.sql("select count(*) from evaluation_trace where evaluation_id = ?").param(rudeId).query(Long.class).single()).isZero();

        mvc.perform(post("/evaluations/traces/{id}", rudeId).param("month", MARCH.toString()).with(HEAD_EAST).with(csrf())
                        .param("cause", "STAFF_ATTITUDE").param("staffUsername", "surveyor").param("visitDate", today)
                        .param("visitNote", "上门致歉，客户表示谅解"))
                .andExpect(status().is3xxRedirection());
        assertThat(jdbc.sql("select deduction_points from evaluation_trace where evaluation_id = ?").param(rudeId)
                .query(BigDecimal.class).single()).isEqualByComparingTo("2.0");
        mvc.perform(post("/evaluations/traces/{id}", rudeId).with(HEAD_EAST).with(csrf()).param("cause", "STAFF_ATTITUDE")
                        .param("staffUsername", "surveyor").param("visitDate", today).param("visitNote", "再次"))
                .andExpect(status().isConflict());

        long slowId = EvaluationFixtures.evaluationId(jdbc, slow);
        mvc.perform(post("/evaluations/traces/{id}", slowId).with(HEAD_EAST).with(csrf()).param("cause", "PROCESS_DEFECT")
                        .param("taskTitle", "勘查预约改为短信确认时段").param("taskAssignee", "inspector")
                        .param("taskDue", LocalDate.now(ClockConfiguration.UTILITY_ZONE).plusDays(7).toString()))
                .andExpect(status().is3xxRedirection());
        assertThat(traces()).doesNotContain("待追溯").contains("扣减绩效 2 分").contains("勘查预约改为短信确认时段");

        mvc.perform(post("/evaluations/tasks/{id}/close", slowId).with(httpBasic("clerk", PASSWORD)).with(csrf()).param("note", "x"))
                .andExpect(status().isForbidden());
        mvc.perform(get("/evaluations/tasks").with(httpBasic("inspector", PASSWORD)))
                .andExpect(content().string(containsString("勘查预约改为短信确认时段")));
        mvc.perform(post("/evaluations/tasks/{id}/close", slowId).with(httpBasic("inspector", PASSWORD)).with(csrf()).param("note", ""))
                .andExpect(status().isUnprocessableContent());
        mvc.perform(post("/evaluations/tasks/{id}/close", slowId).with(httpBasic("inspector", PASSWORD)).with(csrf())
                        .param("note", "已上线短信预约确认"))
                .andExpect(status().is3xxRedirection());
        mvc.perform(get("/evaluations/tasks").with(httpBasic("inspector", PASSWORD)))
                .andExpect(content().string(not(containsString("勘查预约改为短信确认时段"))));
        assertThat(traces()).contains("已关闭：已上线短信预约确认");

        // R-X-5 the same through the API.
        mvc.perform(get("/api/evaluations/traces").param("month", MARCH.toString()).with(HEAD_EAST)).andExpect(status().isOk())
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath("$[*].orderNo")
                        .value(org.hamcrest.Matchers.hasItems(rude, slow)));
        mvc.perform(post("/api/evaluations/{id}/trace", rudeId).with(HEAD_EAST).contentType(org.springframework.http.MediaType.APPLICATION_JSON)
                        .content("{\"cause\":\"PROCESS_DEFECT\"}"))
                .andExpect(status().isUnprocessableContent());
        mvc.perform(get("/api/evaluations/traces").with(httpBasic("clerk", PASSWORD))).andExpect(status().isForbidden());

        // Another station's head does not reach this station's ratings.
        mvc.perform(post("/evaluations/traces/{id}", EvaluationFixtures.evaluationId(jdbc, elsewhere)).with(HEAD_EAST).with(csrf())
                        .param("cause", "PROCESS_DEFECT"))
                .andExpect(status().isNotFound());
    }

    @Test
    @DisplayName("R-EVA-6 R-EVA-7 teams are green with the bonus, yellow, or red with a rectification report due; "
            + "five stars three months running make a service star")
    void teamColoursAndServiceStars() throws Exception {
        String eastField = path("YK-EAST-FIELD");
        for (YearMonth month : new YearMonth[] {YearMonth.of(2024, 4), YearMonth.of(2024, 5), YearMonth.of(2024, 6)}) {
            EvaluationFixtures.rated(jdbc, eastField, "LV_RES_NEW", 5, 5, 5, "", month, 3, "surveyor");
        }
        YearMonth june = YearMonth.of(2024, 6);
        EvaluationFixtures.rated(jdbc, eastTeam, "LV_RES_NEW", 4, 4, 5, "", june, 4, "designer");
        EvaluationFixtures.rated(jdbc, west, "LV_RES_NEW", 3, 4, 4, "", june, 4, "designer");
        // Five stars in May and June only: no star yet.
        EvaluationFixtures.rated(jdbc, west, "LV_RES_NEW", 5, 5, 5, "", YearMonth.of(2024, 5), 4, "clerk.west");
        EvaluationFixtures.rated(jdbc, west, "LV_RES_NEW", 5, 5, 5, "", june, 5, "clerk.west");

        TeamMonth month = colours.of(new ReportMonth(june, ClockConfiguration.UTILITY_ZONE), new DataScope("/"), Locale.SIMPLIFIED_CHINESE);
        assertThat(month.rule().version()).isEqualTo(1);
        assertThat(month.teams()).extracting(TeamMonth.Team::name, TeamMonth.Team::colour, TeamMonth.Team::bonusYuan)
                .contains(org.assertj.core.groups.Tuple.tuple("城东装表接电班", EvaluationRule.TeamColour.GREEN, 500),
                        org.assertj.core.groups.Tuple.tuple("城东营业班", EvaluationRule.TeamColour.YELLOW, 0));
        // The west station's 3.67 and 5.00 average 4.33 (4.335 rounds to 4.34 only with more decimals): yellow.
        assertThat(month.teams().stream().filter(t -> t.orgPath().equals(west)).findFirst().orElseThrow().colour())
                .isEqualTo(EvaluationRule.TeamColour.YELLOW);
        assertThat(month.stars()).extracting(TeamMonth.Star::name).containsExactly("李勘查");

        YearMonth april = YearMonth.of(2024, 4);
        EvaluationFixtures.rated(jdbc, eastTeam, "LV_RES_NEW", 3, 3, 3, "", april, 9, "designer");
        String page = mvc.perform(get("/evaluations/teams").param("month", april.toString()).with(HEAD_EAST)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains("须于 2024-05-10 前提交整改报告").contains("奖励 500 元");
        mvc.perform(post("/evaluations/teams/rectification").with(HEAD_EAST).with(csrf()).param("month", april.toString())
                        .param("orgPath", eastTeam).param("report", ""))
                .andExpect(status().isUnprocessableContent());
        mvc.perform(post("/evaluations/teams/rectification").with(HEAD_EAST).with(csrf()).param("month", april.toString())
                        .param("orgPath", eastField).param("report", "整改"))
                .andExpect(status().isConflict()).andExpect(content().string(containsString("不是红色")));
        mvc.perform(post("/evaluations/teams/rectification").with(HEAD_EAST).with(csrf()).param("month", april.toString())
                        .param("orgPath", eastTeam).param("report", "加强预约沟通培训，每周抽查回访。"))
                .andExpect(status().is3xxRedirection());
        mvc.perform(post("/evaluations/teams/rectification").with(HEAD_EAST).with(csrf()).param("month", april.toString())
                        .param("orgPath", eastTeam).param("report", "再次"))
                .andExpect(status().isConflict());
        assertThat(mvc.perform(get("/evaluations/teams").param("month", april.toString()).with(HEAD_EAST)).andReturn().getResponse()
                .getContentAsString()).contains("整改报告已由 刘所长").doesNotContain("前提交整改报告");
    }

    @Test
    @DisplayName("R-EVA-6 administrators add a rules version from this month on; judged months keep theirs; bad rules are named")
    void rulesAreVersioned() throws Exception {
        YearMonth now = YearMonth.now(ClockConfiguration.UTILITY_ZONE);
        String refused = mvc.perform(post("/evaluations/rules").with(httpBasic("admin", PASSWORD)).with(csrf())
                        .param("validFrom", now.minusMonths(1).toString()).param("greenFrom", "4.2").param("yellowFrom", "4.6")
                        .param("greenBonusYuan", "-1").param("rectificationDays", "10").param("starAverage", "6")
                        .param("starMonths", "3").param("attitudeDeduction", "2"))
                .andExpect(status().isUnprocessableContent()).andReturn().getResponse().getContentAsString();
        assertThat(refused).contains("起始月份不能早于本月").contains("黄色线不能高于绿色线").contains("请填写 0 至 100000 之间的整数")
                .contains("请填写 1 至 5 之间的分数").contains("value=\"4.6\"");
        mvc.perform(post("/evaluations/rules").with(httpBasic("head.east", PASSWORD)).with(csrf()).param("validFrom", now.toString()))
                .andExpect(status().isForbidden());

        int before = rules.versions().get(0).version();
        mvc.perform(post("/evaluations/rules").with(httpBasic("admin", PASSWORD)).with(csrf())
                        .param("validFrom", now.plusMonths(1).toString()).param("greenFrom", "4.6").param("yellowFrom", "4.1")
                        .param("greenBonusYuan", "800").param("rectificationDays", "15").param("starAverage", "4.9")
                        .param("starMonths", "3").param("attitudeDeduction", "1.5"))
                .andExpect(status().is3xxRedirection());
        assertThat(rules.forMonth(now.plusMonths(1)).version()).isEqualTo(before + 1);
        assertThat(rules.forMonth(now.plusMonths(1)).greenBonusYuan()).isEqualTo(800);
        assertThat(rules.forMonth(now).version()).isEqualTo(rules.forMonth(now).version()).isLessThan(before + 1);
        assertThat(rules.forMonth(YearMonth.of(2024, 6)).version()).isEqualTo(1);
        mvc.perform(get("/api/evaluations/rules").with(httpBasic("leader", PASSWORD))).andExpect(status().isOk());
        mvc.perform(get("/api/evaluations/teams").param("month", "2024-06").with(httpBasic("leader", PASSWORD))).andExpect(status().isOk());
        mvc.perform(post("/api/evaluations/rules").with(httpBasic("admin", PASSWORD)).contentType(org.springframework.http.MediaType.APPLICATION_JSON)
                        .content("{\"validFrom\":\"2020-01\"}"))
                .andExpect(status().isUnprocessableContent());
        assertThat(rules.forMonth(now.plusMonths(1)).colour(new BigDecimal("4.55"))).isEqualTo(EvaluationRule.TeamColour.YELLOW);
    }
}
