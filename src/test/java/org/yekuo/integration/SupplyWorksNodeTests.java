package org.yekuo.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.flowable.engine.RuntimeService;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.yekuo.support.Subjects;
import org.yekuo.workflow.NodeCodes;
import org.yekuo.workflow.OrderId;
import org.yekuo.workflow.WorkList;
import org.yekuo.workflow.WorkItem;

import tools.jackson.databind.json.JsonMapper;

/**
 * R-X-7 updates in move the order: "works completed" from the project management system completes the order's
 * SUPPLY_WORKS node with the reported milestones as its summary when the node is open; reported earlier, it waits
 * in the node's form and completes the node when the order gets there. Once, however often the message comes.
 */
@SpringBootTest
@AutoConfigureMockMvc
class SupplyWorksNodeTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    JsonMapper json;

    @Autowired
    RuntimeService runtime;

    @Autowired
    WorkList workList;

    @Test
    @DisplayName("R-X-7 works completed completes the open SUPPLY_WORKS node with the milestones as its summary, once")
    void worksCompletedCompletesTheOpenNode() throws Exception {
        String orderNo = acceptOrder();
        long orderId = orderId(orderNo);
        moveTo(orderId, "SUPPLY_WORKS");
        String token = InboundApiTests.token("pms", "yekuo.supply-works", "yekuo", Duration.ofMinutes(5));
        Instant now = Instant.now();
        // Works start between the order's acceptance and now: a milestone before acceptance is refused.
        Instant accepted = jdbc.sql("select created_at from application where id = ?").param(orderId).query(java.sql.Timestamp.class)
                .single().toInstant();
        milestone(orderNo, UUID.randomUUID().toString(), token, "WORKS_STARTED", accepted.plus(Duration.between(accepted, now).dividedBy(2)))
                .andExpect(status().isOk()).andExpect(jsonPath("$.supplyWorksNode").doesNotExist());
        String key = UUID.randomUUID().toString();
        milestone(orderNo, key, token, "WORKS_COMPLETED", now).andExpect(status().isOk())
                .andExpect(jsonPath("$.supplyWorksNode").value("COMPLETED"));
        assertThat(openNodes(orderId)).containsExactly("COMPLETION_ACCEPTANCE");
        assertThat(summary(orderId)).contains("工程管理系统").contains("开工").contains("竣工").contains("施工队进场");
        assertThat(jdbc.sql("select count(*) from audit_record where action = 'node.completed' and subject_id = ? and detail like ?")
                .params(orderNo, "node=SUPPLY_WORKS%source=pms").query(Long.class).single()).isEqualTo(1);

        // The same message again is a repeat: nothing moves a second time.
        milestone(orderNo, key, token, "WORKS_COMPLETED", now).andExpect(status().isOk()).andExpect(jsonPath("$.repeated").value(true));
        assertThat(openNodes(orderId)).containsExactly("COMPLETION_ACCEPTANCE");
        assertThat(jdbc.sql("select count(*) from audit_record where action = 'node.completed' and subject_id = ? and detail like ?")
                .params(orderNo, "node=SUPPLY_WORKS%").query(Long.class).single()).isEqualTo(1);
    }

    @Test
    @DisplayName("R-X-7 works reported completed before the order reaches SUPPLY_WORKS wait in its form and complete it on arrival")
    void earlyReportWaitsForTheNode() throws Exception {
        String orderNo = acceptOrder();
        long orderId = orderId(orderNo);
        String token = InboundApiTests.token("pms", "yekuo.supply-works", "yekuo", Duration.ofMinutes(5));
        milestone(orderNo, UUID.randomUUID().toString(), token, "WORKS_COMPLETED", Instant.now()).andExpect(status().isOk())
                .andExpect(jsonPath("$.supplyWorksNode").value("NODE_NOT_OPEN"));
        assertThat(openNodes(orderId)).containsExactly("ACCEPTANCE");
        assertThat(summary(orderId)).contains("竣工");

        moveTo(orderId, "SUPPLY_WORKS");
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (openNodes(orderId).contains("SUPPLY_WORKS") && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertThat(openNodes(orderId)).containsExactly("COMPLETION_ACCEPTANCE");
    }

    private List<String> openNodes(long orderId) {
        return workList.openItems(new OrderId(orderId)).stream().map(WorkItem::nodeCode).toList();
    }

    private String summary(long orderId) {
        return jdbc.sql("select field_text from application_node_field where application_id = ? and node_code = 'SUPPLY_WORKS'"
                + " and field_name = 'worksSummary'").param(orderId).query(String.class).single();
    }

    /** Puts the order's process at a node, as if the nodes before it had been done. */
    private void moveTo(long orderId, String nodeCode) {
        String instance = runtime.createProcessInstanceQuery().processInstanceBusinessKey(Long.toString(orderId)).singleResult().getId();
        runtime.createChangeActivityStateBuilder().processInstanceId(instance)
                .moveActivityIdsToSingleActivityId(runtime.getActiveActivityIds(instance), NodeCodes.elementId(nodeCode)).changeState();
    }

    private long orderId(String orderNo) {
        return jdbc.sql("select id from application where order_no = ?").param(orderNo).query(Long.class).single();
    }

    private ResultActions milestone(String orderNo, String key, String token, String milestone, Instant at) throws Exception {
        return mvc.perform(post("/api/inbound/orders/{no}/supply-works", orderNo).header("Authorization", "Bearer " + token)
                .header("Idempotency-Key", key).contentType(MediaType.APPLICATION_JSON)
                .content("{\"milestone\":\"" + milestone + "\",\"occurredAt\":\"" + at + "\",\"note\":\"施工队进场\"}"));
    }

    private String acceptOrder() throws Exception {
        String body = """
                {"typeCode":"HV_NEW_SINGLE","applicantKind":"ORGANISATION","applicantName":"示范机械厂","subjectCode":"%s",
                 "phone":"%s","supplyAddress":"示范市东郊工业园 11 号","capacity":630,"capacityUnit":"KVA","agent":false}"""
                .formatted(Subjects.creditCode(), Subjects.phone());
        String answer = mvc.perform(post("/api/applications").with(httpBasic("clerk", "Yekuo@2026"))
                        .header("Idempotency-Key", UUID.randomUUID().toString()).contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        return json.readTree(answer).get("orderNo").asString();
    }
}
