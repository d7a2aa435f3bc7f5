package org.yekuo.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.transaction.support.TransactionTemplate;
import org.yekuo.audit.AuditTrail;
import org.yekuo.notification.Notifications;
import org.yekuo.shared.ClockConfiguration;
import org.yekuo.shared.PersonalDataCipher;
import org.yekuo.support.Subjects;
import org.yekuo.support.LvSchemeCheck;

import com.jayway.jsonpath.JsonPath;

/**
 * R-EVA-1/2/3 end to end: an order driven to power-on through the API is invited; its customer rates it
 * on the public page, confirmed by a code, with every refusal in Chinese on the page.
 */
@SpringBootTest
@AutoConfigureMockMvc
class RatingPagesTests {

    private static final String PASSWORD = "Yekuo@2026";
    private static final byte[] PDF = org.yekuo.support.SampleFiles.PDF;
    private static String today() {
        return LocalDate.now(ClockConfiguration.UTILITY_ZONE).toString();
    }

    private static List<List<Object>> nodes() {
        return List.of(
                List.of("ACCEPTANCE", "clerk", Map.of()),
                List.of("SITE_SURVEY", "surveyor", Map.of("meterPosition", "东墙外表箱", "supplyPoint", "3号公变",
                        "distanceMetres", "35.5", "surveyOpinion", "具备接入条件")),
                List.of("SCHEME_DESIGN", "designer", LvSchemeCheck.passed(Map.of("supplyVoltage", "220V", "supplyPoint", "3号公变",
                        "meteringMethod", "LV_LV", "tariffCategory", "RESIDENTIAL", "schemeSummary", "单相表计接入"))),
                List.of("SCHEME_REPLY", "clerk", Map.of("replyDate", today())),
                List.of("CONTRACT", "clerk", Map.of("contractNo", "HT-2026-009", "customerNo", "3300123999")),
                List.of("METER_INSTALLATION", "inspector", Map.of("meterNo", "DB-0009", "meterReading", "0")),
                List.of("POWER_ON", "inspector", Map.of("poweredOnDate", today())));
    }

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Invitations invitations;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    Notifications notifications;

    @Autowired
    PersonalDataCipher cipher;

    @Autowired
    AuditTrail audit;

    @Autowired
    EvaluationProperties properties;

    @Test
    @DisplayName("R-EVA-1 R-EVA-2 R-EVA-3 an order powered on through its process is invited; its customer rates it on the page "
            + "with a code, sees the handlers masked, is told in Chinese what is wrong, and the link then says it was used")
    void orderPoweredOnIsInvitedAndRatedOnThePage() throws Exception {
        String phone = Subjects.phone();
        long orderId = poweredOnOrder(phone);
        Invitation invitation = invitations.byOrder(orderId).orElseThrow();
        assertThat(invitation.phoneIndex()).isEqualTo(cipher.blindIndex(phone));
        LocalDateTime sendAfter = jdbc.sql("select send_after from evaluation_invitation where order_id = ?").param(orderId)
                .query(java.sql.Timestamp.class).single().toInstant().atZone(TestClock.ZONE).toLocalDateTime();
        assertThat(Duration.between(invitation.completedAt().atZone(TestClock.ZONE).toLocalDateTime(), sendAfter))
                .isLessThanOrEqualTo(Duration.ofHours(24));
        new InvitationSweep(invitations, transactions, notifications, cipher, audit, properties, new TestClock(sendAfter)).sweep();
        String token = invitation.token();

        String page = mvc.perform(get("/e/{t}", token)).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).contains(invitation.orderNo()).contains("李*查").contains("服务态度")
                .contains(phone.substring(0, 3) + "****" + phone.substring(7)).doesNotContain("surveyor").doesNotContain(phone);

        String refused = mvc.perform(rating(post("/e/{t}/code", token), "6", "", "5", "<script>alert(1)</script>"))
                .andExpect(status().isUnprocessableContent()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(refused).contains("请为“办电时效”选择 1 至 5 颗星").contains("请为“服务态度”选择 1 至 5 颗星")
                .contains("不能包含 &lt; &gt; 符号").doesNotContain("<script>alert");

        String codePage = mvc.perform(rating(post("/e/{t}/code", token), "4", "5", "3", "抄表员很耐心"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(codePage).contains("验证码已发送至");
        mvc.perform(rating(post("/e/{t}", token), "4", "5", "3", "抄表员很耐心").param("code", "000000".equals(code(phone)) ? "111111" : "000000"))
                .andExpect(status().isUnprocessableContent());
        mvc.perform(rating(post("/e/{t}", token), "4", "5", "3", "抄表员很耐心").param("code", code(phone)))
                .andExpect(status().is3xxRedirection()).andExpect(flash().attribute("submitted", true));

        assertThat(jdbc.sql("select node_code || ':' || username from evaluation_handler h join evaluation e on e.id = h.evaluation_id "
                + "where e.order_id = ?").param(orderId).query(String.class).list()).contains("SITE_SURVEY:surveyor", "POWER_ON:inspector");
        assertThat(mvc.perform(get("/e/{t}", token)).andExpect(status().isConflict()).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8)).contains("该评价链接已使用过");
        assertThat(mvc.perform(get("/e/{t}", "nonsense")).andExpect(status().isNotFound()).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8)).contains("评价链接无效");
    }

    private MockHttpServletRequestBuilder rating(MockHttpServletRequestBuilder request, String timeliness, String attitude,
            String communication, String comment) {
        return request.with(csrf()).with(address("10.22.0.1")).contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .param("timeliness", timeliness).param("attitude", attitude).param("communication", communication)
                .param("comment", comment);
    }

    private static RequestPostProcessor address(String address) {
        return request -> {
            request.setRemoteAddr(address);
            return request;
        };
    }

    private String code(String phone) {
        String body = jdbc.sql("""
                select body from sms_outbox where phone_index = ? and template_code = 'verification-evaluation'
                order by id desc limit 1""").param(cipher.blindIndex(phone)).query(String.class).single();
        return body.replaceAll("^\\D*(\\d{6}).*$", "$1");
    }

    /** An LV residential order accepted at the counter and worked node by node to power-on; answers its id. */
    private long poweredOnOrder(String phone) throws Exception {
        String body = """
                {"typeCode":"LV_RES_NEW","applicantKind":"PERSON","applicantName":"王评价","subjectCode":"%s","phone":"%s",
                 "supplyAddress":"示范市城东区人民路 9 号","capacity":8,"capacityUnit":"KW","agent":false}"""
                .formatted(Subjects.idNumber(), phone);
        String created = mvc.perform(post("/api/applications").with(httpBasic("clerk", PASSWORD))
                        .header("Idempotency-Key", UUID.randomUUID().toString()).contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        long id = ((Number) JsonPath.read(created, "$.id")).longValue();
        // The property proof that one-certificate start deferred, handed in at once so that the order never waits.
        mvc.perform(multipart("/api/applications/{id}/materials/PROPERTY_PROOF", id)
                        .file(new MockMultipartFile("file", "fangchan.pdf", "application/octet-stream", PDF))
                        .with(httpBasic("clerk", PASSWORD)))
                .andExpect(status().isOk());
        for (List<Object> node : nodes()) {
            String user = (String) node.get(1);
            String order = mvc.perform(get("/api/applications/{id}", id).with(httpBasic(user, PASSWORD)))
                    .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
            assertThat((String) JsonPath.read(order, "$.openItems[0].nodeCode")).isEqualTo(node.get(0));
            String task = JsonPath.read(order, "$.openItems[0].taskId");
            mvc.perform(post("/api/tasks/{t}/sign-for", task).with(httpBasic(user, PASSWORD))).andExpect(status().isOk());
            @SuppressWarnings("unchecked")
            Map<String, String> fields = (Map<String, String>) node.get(2);
            StringBuilder json = new StringBuilder("{\"fields\":{");
            fields.forEach((k, v) -> json.append(json.charAt(json.length() - 1) == '{' ? "" : ",")
                    .append('"').append(k).append("\":\"").append(v).append('"'));
            mvc.perform(post("/api/tasks/{t}/complete", task).with(httpBasic(user, PASSWORD))
                    .contentType(MediaType.APPLICATION_JSON).content(json.append("}}").toString()))
                    .andExpect(status().isNoContent());
        }
        return id;
    }
}
