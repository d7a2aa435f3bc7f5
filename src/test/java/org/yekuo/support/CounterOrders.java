package org.yekuo.support;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.UUID;

import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import com.jayway.jsonpath.JsonPath;

/** Orders the clerk accepts at the counter through the API, for tests that need an order to work on. */
public final class CounterOrders {

    private CounterOrders() {
    }

    /**
     * A resident's new 8 kW low-voltage supply applied for by {@code applicantName}, with a fresh ID number and phone:
     * the API's answer, which holds the order's {@code id} and its open acceptance task ({@code openItems[0].taskId}).
     */
    public static String acceptResidential(MockMvc mvc, String applicantName) throws Exception {
        String body = """
                {"typeCode":"LV_RES_NEW","applicantKind":"PERSON","applicantName":"%s","subjectCode":"%s","phone":"%s",
                 "supplyAddress":"示范市城东区人民路 100 号","capacity":8,"capacityUnit":"KW","agent":false}"""
                .formatted(applicantName, Subjects.idNumber(), Subjects.phone());
        return mvc.perform(post("/api/applications").with(httpBasic("clerk", "Yekuo@2026"))
                        .header("Idempotency-Key", UUID.randomUUID().toString())
                        .contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
    }

    /** The id of a resident's new supply accepted as {@link #acceptResidential} does. */
    public static long residential(MockMvc mvc, String applicantName) throws Exception {
        return ((Number) JsonPath.read(acceptResidential(mvc, applicantName), "$.id")).longValue();
    }
}
