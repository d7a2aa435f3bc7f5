package org.yekuo;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.yekuo.shared.Masking;
import org.yekuo.support.Subjects;

import com.jayway.jsonpath.JsonPath;

/** R-X-3: roles separate what their holders may do beyond what they may read. */
@SpringBootTest
@AutoConfigureMockMvc
class SeparationOfDutiesTests {

    private static final String PASSWORD = "Yekuo@2026";
    private static final String NAME = "欧阳秀英";

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Test
    @DisplayName("R-X-3 a department head may not cancel another station's order; the station's own head may")
    void departmentHeadCancelsOnlyOrdersOfTheirOwnUnit() throws Exception {
        long order = eastOrder();

        mvc.perform(post("/api/applications/{id}/cancel", order).with(httpBasic("head.ops", PASSWORD))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"reason\":\"客户申请撤销\"}"))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.code").value("intake.cancel.other-unit"));
        mvc.perform(post("/api/applications/{id}/cancel", order).with(httpBasic("head.east", PASSWORD))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"reason\":\"客户申请撤销\"}"))
                .andExpect(status().isOk());
    }

    @Test
    @DisplayName("R-X-3 6b the auditor and the security administrator see no order's personal data: no page or API answer "
            + "shows an order's number, applicant or phone to them, masked or not")
    void auditorAndSecurityAdminSeeNoPersonalDataOfOrders() throws Exception {
        String phone = Subjects.phone();
        long order = eastOrder(phone);
        String orderNo = jdbc.sql("select order_no from application where id = ?").param(order).query(String.class).single();
        List<String> secrets = List.of(orderNo, Masking.mobile(phone), Masking.chineseName(NAME), phone.substring(7));
        List<String> addresses = List.of("/", "/orders", "/orders?q=" + phone, "/orders/" + order, "/orders/" + order + "/receipt",
                "/tasks", "/deadlines/board", "/deadlines/explanations", "/reviews/board", "/reviews/orders/" + order,
                "/reviews/copies", "/reviews/typical", "/insight/risk", "/evaluations/traces", "/notifications/sms",
                "/api/applications/" + order, "/api/applications?q=" + phone, "/api/tasks", "/api/deadlines/reports/notices",
                "/api/evaluations/traces", "/api/insight/risk", "/api/insight/orders/" + order + "/risk", "/coordination",
                "/coordination/orders/" + order, "/scheme-changes", "/responsibilities/orders/" + order + "/panel");
        List<String> shown = new ArrayList<>();
        for (String user : List.of("auditor", "secadmin")) {
            for (String address : addresses) {
                var response = mvc.perform(get(address).with(httpBasic(user, PASSWORD))).andReturn().getResponse();
                String body = response.getContentAsString(StandardCharsets.UTF_8);
                secrets.stream().filter(body::contains).forEach(secret -> shown.add(user + " " + address + " "
                        + response.getStatus() + " shows " + secret));
            }
        }
        assertThat(shown).isEmpty();
        // Nor does their workbench lead them to order pages that would refuse them.
        for (String user : List.of("auditor", "secadmin")) {
            String workbench = mvc.perform(get("/").with(httpBasic(user, PASSWORD))).andReturn().getResponse()
                    .getContentAsString(StandardCharsets.UTF_8);
            assertThat(workbench).as(user).doesNotContain("/deadlines/board").doesNotContain("/coordination");
        }
    }

    private long eastOrder() throws Exception {
        return eastOrder(Subjects.phone());
    }

    private long eastOrder(String phone) throws Exception {
        String created = mvc.perform(post("/api/applications").with(httpBasic("clerk", PASSWORD))
                        .header("Idempotency-Key", UUID.randomUUID().toString()).contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"typeCode":"LV_RES_NEW","applicantKind":"PERSON","applicantName":"%s","subjectCode":"%s",
                                 "phone":"%s","supplyAddress":"示范市城东区人民路 100 号","capacity":8,"capacityUnit":"KW","agent":false}"""
                                .formatted(NAME, Subjects.idNumber(), phone)))
                .andExpect(status().isCreated())
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        return ((Number) JsonPath.read(created, "$.id")).longValue();
    }
}
