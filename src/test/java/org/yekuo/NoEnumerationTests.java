package org.yekuo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.yekuo.support.Subjects;

import com.jayway.jsonpath.JsonPath;

/** R-X-3: an order outside the caller's data scope is answered exactly like one that does not exist. */
@SpringBootTest
@AutoConfigureMockMvc
class NoEnumerationTests {

    private static final String PASSWORD = "Yekuo@2026";

    @Autowired
    MockMvc mvc;

    @Test
    @DisplayName("R-X-3 another station's order reads like a missing one: same status, same words, no order number")
    void outOfScopeOrderReadsLikeAMissingOne() throws Exception {
        String created = mvc.perform(post("/api/applications").with(httpBasic("clerk", PASSWORD))
                        .header("Idempotency-Key", UUID.randomUUID().toString()).contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"typeCode":"LV_RES_NEW","applicantKind":"PERSON","applicantName":"张三","subjectCode":"%s",
                                 "phone":"%s","supplyAddress":"示范市城东区人民路 100 号","capacity":8,"capacityUnit":"KW","agent":false}"""
                                .formatted(Subjects.idNumber(), Subjects.phone())))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        long east = ((Number) JsonPath.read(created, "$.id")).longValue();
        String orderNo = JsonPath.read(created, "$.orderNo");
        long missing = east + 1_000_000_000L;

        MvcResult outOfScope = mvc.perform(get("/api/applications/{id}", east).with(httpBasic("clerk.west", PASSWORD))).andReturn();
        MvcResult notThere = mvc.perform(get("/api/applications/{id}", missing).with(httpBasic("clerk.west", PASSWORD))).andReturn();

        assertThat(outOfScope.getResponse().getStatus()).isEqualTo(404).isEqualTo(notThere.getResponse().getStatus());
        String outOfScopeBody = outOfScope.getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(outOfScopeBody).doesNotContain(orderNo);
        assertThat(withoutId(outOfScopeBody, east))
                .isEqualTo(withoutId(notThere.getResponse().getContentAsString(StandardCharsets.UTF_8), missing));
    }

    /** The problem's fields with the asked id blanked in its texts only: an id of 404 leaves the status alone. */
    private static Map<String, Object> withoutId(String body, long id) {
        Map<String, Object> problem = new TreeMap<>(JsonPath.<Map<String, Object>>read(body, "$"));
        problem.replaceAll((field, value) -> value instanceof String text ? text.replaceAll("(?<![0-9])" + id + "(?![0-9])", "#") : value);
        return problem;
    }
}
