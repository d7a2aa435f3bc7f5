package org.yekuo.collaboration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.yekuo.shared.ClockConfiguration;
import org.yekuo.stock.StockFixtures;

import com.jayway.jsonpath.JsonPath;

/**
 * A scheme revised after its approval reaches everyone who worked from it, who acknowledge before their work on
 * the order passes again (R-COL-7).
 */
@SpringBootTest
@AutoConfigureMockMvc
class SchemeChangeTests {

    static final String PASSWORD = StockFixtures.PASSWORD;

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Test
    @DisplayName("R-COL-7 a design review sends an approved scheme back; its revision tells the reviewers, the clerk who replied and the"
            + " materials clerk who reserved stock what changed, and none of them completes work on the order before acknowledging")
    void revisedSchemeReachesThoseWhoWorkedFromIt() throws Exception {
        StockFixtures fixtures = new StockFixtures(mvc, jdbc);
        long warehouse = fixtures.warehouse(Map.of("MTR-3P-CT", 6));
        StockFixtures.DesignOrder order = fixtures.orderAtDesign();
        long id = order.id();
        bom(order.task(), "MTR-3P-CT", "2").andExpect(status().isOk());
        fixtures.complete(order.task(), "SCHEME_DESIGN");
        fixtures.approve(id);
        complete(signFor(id, "clerk", "SCHEME_REPLY"), "clerk", Map.of("replyDate", today())).andExpect(status().isNoContent());
        mvc.perform(post("/api/stock/requests/{id}/confirm", id).with(httpBasic("materials", PASSWORD))
                .contentType(MediaType.APPLICATION_JSON).content("{\"warehouseId\":" + warehouse + "}")).andExpect(status().isOk());
        // Approved, replied and reserved: nobody has anything to acknowledge yet.
        assertThat(notices(id)).isEmpty();

        complete(signFor(id, "ops", "DESIGN_REVIEW"), "ops", Map.of("outcome", "FAIL", "reason", "计量方式须改为高供低计"))
                .andExpect(status().isNoContent());
        String redesign = signFor(id, "designer", "SCHEME_DESIGN");
        complete(redesign, "designer", Map.of("supplyVoltage", "10kV", "supplyPoint", "110kV 东郊站 10kV 东12线", "meteringMethod", "HV_LV",
                "tariffCategory", "LARGE_INDUSTRIAL", "schemeSummary", "东郊站 10kV 单电源接入，高供低计")).andExpect(status().isNoContent());

        assertThat(notices(id)).containsOnlyKeys("ops", "marketing", "clerk", "materials")
                .containsEntry("materials", "MATERIALS").containsEntry("clerk", "SCHEME").containsEntry("ops", "SCHEME");
        long opsNotice = notice(id, "ops");
        mvc.perform(get("/scheme-changes/{n}", opsNotice).with(httpBasic("ops", PASSWORD)))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("计量方式")))
                .andExpect(content().string(Matchers.containsString("高供高计")))
                .andExpect(content().string(Matchers.containsString("高供低计")))
                .andExpect(content().string(Matchers.containsString("data-change=\"schemeSummary\"")))
                .andExpect(content().string(Matchers.not(Matchers.containsString("data-change=\"supplyPoint\""))))
                .andExpect(content().string(Matchers.not(Matchers.containsString("HV_LV"))));
        // A notice is its recipient's alone.
        mvc.perform(get("/scheme-changes/{n}", opsNotice).with(httpBasic("marketing", PASSWORD))).andExpect(status().isNotFound());
        mvc.perform(post("/scheme-changes/{n}/acknowledge", opsNotice).with(httpBasic("marketing", PASSWORD)).with(csrf()));
        assertThat(acknowledged(opsNotice)).isFalse();

        // The revised scheme is reviewed again: operations cannot pass it before acknowledging the change.
        String review = reviewTask(id, "REVIEWER_OPERATIONS");
        mvc.perform(post("/api/reviews/tasks/{t}/open", review).with(httpBasic("ops", PASSWORD)));
        opinion(review, "ops").andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value(Matchers.containsString("方案变更确认")));
        mvc.perform(get("/").with(httpBasic("ops", PASSWORD)))
                .andExpect(content().string(Matchers.containsString("data-testid=\"scheme-change-workbench\"")));
        mvc.perform(post("/scheme-changes/{n}/acknowledge", opsNotice).with(httpBasic("ops", PASSWORD)).with(csrf()))
                .andExpect(status().is3xxRedirection());
        assertThat(acknowledged(opsNotice)).isTrue();
        opinion(review, "ops").andExpect(status().isOk());

        // The materials clerk's next stock step waits for their acknowledgement too.
        mvc.perform(post("/api/stock/requests/{id}/issue", id).with(httpBasic("materials", PASSWORD))).andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value(Matchers.containsString("方案变更确认")));
        mvc.perform(post("/scheme-changes/{n}/acknowledge", notice(id, "materials")).with(httpBasic("materials", PASSWORD)).with(csrf()));
        mvc.perform(post("/api/stock/requests/{id}/issue", id).with(httpBasic("materials", PASSWORD))).andExpect(status().isNoContent());

        assertThat(jdbc.sql("select count(*) from audit_record where action = 'collaboration.scheme-change.acknowledged' and subject_id ="
                + " (select order_no from application where id = ?)").param(id).query(Long.class).single()).isEqualTo(2);
    }

    @Test
    @DisplayName("R-COL-7 a scheme designed again before anyone approved it notices nobody")
    void revisionBeforeApprovalNoticesNobody() throws Exception {
        StockFixtures fixtures = new StockFixtures(mvc, jdbc);
        StockFixtures.DesignOrder order = fixtures.orderAtDesign();
        fixtures.complete(order.task(), "SCHEME_DESIGN");
        assertThat(jdbc.sql("select count(*) from scheme_snapshot where order_id = ?").param(order.id()).query(Long.class).single())
                .isEqualTo(1);
        assertThat(notices(order.id())).isEmpty();
    }

    Map<String, String> notices(long orderId) {
        return jdbc.sql("select recipient, worked_node from scheme_change_notice where order_id = ?").param(orderId)
                .query((rs, n) -> Map.entry(rs.getString(1), rs.getString(2))).list().stream()
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    long notice(long orderId, String recipient) {
        return jdbc.sql("select id from scheme_change_notice where order_id = ? and recipient = ?").params(orderId, recipient)
                .query(Long.class).single();
    }

    boolean acknowledged(long notice) {
        return jdbc.sql("select acknowledged_at is not null from scheme_change_notice where id = ?").param(notice)
                .query(Boolean.class).single();
    }

    ResultActions bom(String task, String item, String quantity) throws Exception {
        return mvc.perform(post("/api/stock/tasks/{t}/bom", task).with(httpBasic("designer", PASSWORD))
                .contentType(MediaType.APPLICATION_JSON).content("{\"itemCode\":\"%s\",\"quantity\":%s}".formatted(item, quantity)));
    }

    String signFor(long id, String user, String node) throws Exception {
        String order = mvc.perform(get("/api/applications/{id}", id).with(httpBasic(user, PASSWORD))).andReturn().getResponse()
                .getContentAsString();
        List<String> tasks = JsonPath.read(order, "$.openItems[?(@.nodeCode == '" + node + "')].taskId");
        assertThat(tasks).as("open " + node).isNotEmpty();
        mvc.perform(post("/api/tasks/{t}/sign-for", tasks.get(0)).with(httpBasic(user, PASSWORD))).andExpect(status().isOk());
        return tasks.get(0);
    }

    String reviewTask(long id, String role) throws Exception {
        String order = mvc.perform(get("/api/applications/{id}", id).with(httpBasic("clerk", PASSWORD))).andReturn().getResponse()
                .getContentAsString();
        List<String> tasks = JsonPath.read(order, "$.openItems[?('" + role + "' in @.roles)].taskId");
        assertThat(tasks).as("review task of " + role).isNotEmpty();
        return tasks.get(0);
    }

    ResultActions opinion(String task, String user) throws Exception {
        return mvc.perform(post("/api/reviews/tasks/{t}/opinion", task).with(httpBasic(user, PASSWORD))
                .contentType(MediaType.APPLICATION_JSON).content("{\"verdict\":\"PASS\",\"clauses\":[],\"text\":\"\"}"));
    }

    ResultActions complete(String taskId, String user, Map<String, String> fields) throws Exception {
        StringBuilder json = new StringBuilder("{\"fields\":{");
        fields.forEach((k, v) -> json.append(json.charAt(json.length() - 1) == '{' ? "" : ",")
                .append('"').append(k).append("\":\"").append(v).append('"'));
        return mvc.perform(post("/api/tasks/{t}/complete", taskId).with(httpBasic(user, PASSWORD))
                .contentType(MediaType.APPLICATION_JSON).content(json.append("}}").toString()));
    }

    static String today() {
        return LocalDate.now(ClockConfiguration.UTILITY_ZONE).toString();
    }
}
