package org.yekuo;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.yekuo.support.Subjects;

import com.jayway.jsonpath.JsonPath;

/** R-X-3: roles separate what their holders may do beyond what they may read. */
@SpringBootTest
@AutoConfigureMockMvc
class SeparationOfDutiesTests {

    private static final String PASSWORD = "Yekuo@2026";

    @Autowired
    MockMvc mvc;

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

    private long eastOrder() throws Exception {
        String created = mvc.perform(post("/api/applications").with(httpBasic("clerk", PASSWORD))
                        .header("Idempotency-Key", UUID.randomUUID().toString()).contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"typeCode":"LV_RES_NEW","applicantKind":"PERSON","applicantName":"张三","subjectCode":"%s",
                                 "phone":"%s","supplyAddress":"示范市城东区人民路 100 号","capacity":8,"capacityUnit":"KW","agent":false}"""
                                .formatted(Subjects.idNumber(), Subjects.phone())))
                .andExpect(status().isCreated())
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        return ((Number) JsonPath.read(created, "$.id")).longValue();
    }
}
