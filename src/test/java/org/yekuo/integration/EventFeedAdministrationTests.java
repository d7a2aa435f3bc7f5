package org.yekuo.integration;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/** R-X-7 the event feed is the system administrator's: who may see and change it, and how bad input is answered. */
@SpringBootTest
@AutoConfigureMockMvc
class EventFeedAdministrationTests {

    private static final String PASSWORD = "Yekuo@2026";

    @Autowired
    MockMvc mvc;

    @Test
    @DisplayName("R-X-2 only the system administrator lists subscribers and deliveries; others are refused, anonymous callers asked to sign in")
    void onlyTheAdministratorManagesTheFeed() throws Exception {
        mvc.perform(get("/api/integration/subscribers").with(httpBasic("admin", PASSWORD))).andExpect(status().isOk());
        mvc.perform(get("/api/integration/deliveries").with(httpBasic("admin", PASSWORD))).andExpect(status().isOk())
                .andExpect(jsonPath("$.items").isArray());
        for (String other : new String[] {"clerk", "auditor", "secadmin", "leader"}) {
            mvc.perform(get("/api/integration/subscribers").with(httpBasic(other, PASSWORD))).andExpect(status().isForbidden());
            mvc.perform(post("/api/integration/deliveries/1/replay").with(httpBasic(other, PASSWORD))).andExpect(status().isForbidden());
        }
        mvc.perform(get("/api/integration/deliveries")).andExpect(status().isUnauthorized());
        mvc.perform(get("/integration/feed").with(httpBasic("clerk", PASSWORD))).andExpect(status().isForbidden());
    }

    @Test
    @DisplayName("R-X-1 a subscriber with a bad code, address or event type is refused naming the field and what is allowed")
    void badSubscribersAreRefused() throws Exception {
        subscribe("{\"code\":\"marketing\",\"name\":\"营销系统\",\"endpointUrl\":\"https://m.example/e\"}")
                .andExpect(status().isUnprocessableContent()).andExpect(jsonPath("$.errors[0].field").value("code"));
        subscribe("{\"code\":\"MKT1\",\"name\":\"营销系统\",\"endpointUrl\":\"ftp://m.example/e\"}")
                .andExpect(status().isUnprocessableContent()).andExpect(jsonPath("$.errors[0].field").value("endpointUrl"));
        subscribe("{\"code\":\"MKT1\",\"name\":\"营销系统\",\"endpointUrl\":\"https://user:pw@m.example/e\"}")
                .andExpect(status().isUnprocessableContent()).andExpect(jsonPath("$.errors[0].field").value("endpointUrl"));
        mvc.perform(post("/api/integration/subscribers").with(httpBasic("admin", PASSWORD)).header("Accept-Language", "en")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"code\":\"MKT1\",\"name\":\"营销系统\",\"endpointUrl\":\"https://m.example/e\",\"eventTypes\":[\"order.exploded\"]}"))
                .andExpect(status().isUnprocessableContent()).andExpect(jsonPath("$.errors[0].field").value("eventTypes"))
                .andExpect(jsonPath("$.errors[0].message").value(Matchers.containsString("order.powered-on")));
        mvc.perform(post("/api/integration/deliveries/999999999/replay").with(httpBasic("admin", PASSWORD)))
                .andExpect(status().isNotFound());
    }

    @Test
    @DisplayName("the feed page shows the deliveries and the form to subscribe a system, in Chinese")
    void pageShowsDeliveriesAndSubscribers() throws Exception {
        mvc.perform(get("/integration/feed").with(httpBasic("admin", PASSWORD))).andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("推送记录")));
        mvc.perform(get("/integration/feed").param("view", "subscribers").with(httpBasic("admin", PASSWORD)))
                .andExpect(status().isOk()).andExpect(content().string(Matchers.containsString("添加订阅系统")));
        mvc.perform(post("/integration/feed/subscribers").with(httpBasic("admin", PASSWORD)).with(csrf())
                        .param("code", "x").param("name", "营销系统").param("endpointUrl", "https://m.example/e"))
                .andExpect(status().isOk()).andExpect(content().string(Matchers.containsString("代码须以大写字母开头")));
    }

    private org.springframework.test.web.servlet.ResultActions subscribe(String body) throws Exception {
        return mvc.perform(post("/api/integration/subscribers").with(httpBasic("admin", PASSWORD))
                .contentType(MediaType.APPLICATION_JSON).content(body));
    }
}
