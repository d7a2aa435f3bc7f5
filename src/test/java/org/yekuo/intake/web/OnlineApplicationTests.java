package org.yekuo.intake.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.yekuo.audit.AuditTrail;
import org.yekuo.shared.PersonalDataCipher;
import org.yekuo.support.SampleFiles;
import org.yekuo.support.Subjects;

import com.jayway.jsonpath.JsonPath;

/**
 * An applicant applies online from a phone, without an account: through the H5 pages with a session
 * and CSRF, and through the public API with the code in the request. Each test uses its own numbers.
 */
@SpringBootTest
@AutoConfigureMockMvc
class OnlineApplicationTests {

    private static final String PASSWORD = "Yekuo@2026";
    private static final String NAME = "\u5f20\u4e09\u4e30";
    private static final String ID_NUMBER = "11010519491231002X";
    private static final Pattern SIX_DIGITS = Pattern.compile("\\d{6}");

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PersonalDataCipher cipher;

    @Autowired
    AuditTrail audit;

    @Test
    @DisplayName("R-MAT-3 R-X-3 6a 6b an applicant proves the phone with an SMS code and applies online: the order is ONLINE at "
            + "the chosen station with the proven phone, and its acceptance node waits for that station's clerk")
    void applicantAppliesOnlineThroughThePages() throws Exception {
        String phone = newPhone();
        MockHttpSession session = new MockHttpSession();
        mvc.perform(get("/apply").session(session)).andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("id=\"phone-form\"")));
        verifyInPages(phone, session);

        mvc.perform(get("/apply/form").session(session)).andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString(masked(phone))))
                .andExpect(content().string(Matchers.containsString("value=\"EV_CHARGING\"")))
                // Every type the catalogue marks as online-capable, not a fixed few; dedicated lines need a conversation first.
                .andExpect(content().string(Matchers.containsString("value=\"NAME_TRANSFER\"")))
                .andExpect(content().string(Matchers.containsString("value=\"HV_NEW_SINGLE\"")))
                .andExpect(content().string(Matchers.not(Matchers.containsString("value=\"HV_DEDICATED_LINE\""))))
                .andExpect(content().string(Matchers.containsString("value=\"" + orgUnit("YK-WEST") + "\"")));

        String key = UUID.randomUUID().toString();
        String typedPhone = newPhone();
        MvcResult submitted = mvc.perform(applicationForm(session, "LV_RES_NEW", orgUnit("YK-EAST"), key)
                        .param("phone", typedPhone))
                .andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrl("/apply/submitted"))
                .andExpect(flash().attribute("orderNo", Matchers.matchesPattern("YK-\\d{4}-\\d{6}")))
                .andReturn();
        String orderNo = (String) submitted.getFlashMap().get("orderNo");
        String token = (String) submitted.getFlashMap().get("token");
        mvc.perform(get("/apply/submitted").session(session).flashAttrs(Map.of("orderNo", orderNo, "token", token)))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString(orderNo)))
                .andExpect(content().string(Matchers.containsString("href=\"/s/" + token + "\"")));
        mvc.perform(get("/s/{token}", token)).andExpect(status().isOk());

        // The order is ONLINE at the East station, created by "applicant", with the proven phone only.
        Map<String, Object> row = jdbc.sql("select * from application where order_no = ?").param(orderNo).query().singleRow();
        assertThat(row.get("channel")).isEqualTo("ONLINE");
        assertThat(((Number) row.get("org_unit_id")).longValue()).isEqualTo(orgUnit("YK-EAST"));
        assertThat(row.get("created_by")).isEqualTo("applicant");
        assertThat(row.get("phone_masked")).isEqualTo(masked(phone));
        assertThat(cipher.decrypt((String) row.get("phone_sealed"))).isEqualTo(phone);
        assertThat(row.values()).allSatisfy(value -> assertThat(String.valueOf(value)).doesNotContain(phone));
        assertThat(jdbc.sql("select count(*) from sms_outbox where phone_index = ? and business_ref = ?")
                .params(cipher.blindIndex(phone), orderNo).query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from sms_outbox where phone_index = ?").param(cipher.blindIndex(typedPhone))
                .query(Long.class).single()).isZero();
        assertThat(audit.forSubject("application", orderNo)).filteredOn(e -> e.action().equals("application.accepted"))
                .singleElement().satisfies(entry -> {
                    assertThat(entry.actor()).isEqualTo("system");
                    assertThat(entry.detail()).contains("channel=ONLINE", "phone=" + masked(phone)).doesNotContain(phone);
                });

        // Nobody has signed for acceptance: the East clerk sees it and signs for it; to the West clerk it does not exist.
        long id = ((Number) row.get("id")).longValue();
        String tasks = mvc.perform(get("/api/tasks").with(httpBasic("clerk", PASSWORD))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        List<Map<String, Object>> acceptance = JsonPath.read(tasks, "$[?(@.orderId == " + id + ")]");
        assertThat(acceptance).singleElement().satisfies(item -> {
            assertThat(item.get("nodeCode")).isEqualTo("ACCEPTANCE");
            assertThat(item.get("assignee")).isNull();
        });
        mvc.perform(get("/api/tasks").with(httpBasic("clerk.west", PASSWORD)))
                .andExpect(jsonPath("$[?(@.orderId == " + id + ")]").isEmpty());
        mvc.perform(post("/api/tasks/{t}/sign-for", acceptance.get(0).get("taskId")).with(httpBasic("clerk.west", PASSWORD)))
                .andExpect(status().isNotFound());
        mvc.perform(post("/api/tasks/{t}/sign-for", acceptance.get(0).get("taskId")).with(httpBasic("clerk", PASSWORD)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.assignee").value("clerk"));

        // The same form posted again (a double tap) answers with the same order.
        mvc.perform(applicationForm(session, "LV_RES_NEW", orgUnit("YK-EAST"), key))
                .andExpect(flash().attribute("orderNo", orderNo));
    }

    @Test
    @DisplayName("6b submitting without a verified phone, or 30 minutes after verifying, is refused and creates nothing")
    void submittingWithoutVerifiedPhoneIsRefused() throws Exception {
        String key = UUID.randomUUID().toString();
        mvc.perform(applicationForm(new MockHttpSession(), "LV_RES_NEW", orgUnit("YK-EAST"), key).param("phone", newPhone()))
                .andExpect(status().isForbidden())
                .andExpect(content().string(Matchers.containsString("id=\"phone-form\"")));
        mvc.perform(get("/apply/form")).andExpect(redirectedUrl("/apply"));

        MockHttpSession stale = new MockHttpSession();
        stale.setAttribute(OnlineApplicationPages.VERIFIED_PHONE,
                new org.yekuo.intake.OnlineProof(newPhone(), Instant.now().minus(Duration.ofMinutes(31))));
        mvc.perform(applicationForm(stale, "LV_RES_NEW", orgUnit("YK-EAST"), key)).andExpect(status().isForbidden());

        assertThat(jdbc.sql("select count(*) from application where idempotency_key = ?").param(key).query(Long.class).single())
                .isZero();
    }

    @Test
    @DisplayName("6b the pages keep CSRF on: a code request or an application without the token is refused")
    void pagesRequireCsrfToken() throws Exception {
        mvc.perform(post("/apply/code").param("phone", newPhone())).andExpect(status().isForbidden());
        mvc.perform(post("/apply/form").param("typeCode", "LV_RES_NEW")).andExpect(status().isForbidden());
    }

    @Test
    @DisplayName("6b a wrong code keeps the phone unverified and says how many attempts are left, in the reader's language")
    void wrongCodeIsRefusedOnThePage() throws Exception {
        String phone = newPhone();
        MockHttpSession session = new MockHttpSession();
        mvc.perform(post("/apply/code").session(session).with(csrf()).param("phone", phone)).andExpect(status().isOk());
        String wrong = lastCode(phone).equals("000000") ? "111111" : "000000";

        mvc.perform(post("/apply/verify").session(session).with(csrf()).param("phone", phone).param("code", wrong)
                        .header("Accept-Language", "en"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().string(Matchers.containsString("4 more attempts")));
        mvc.perform(get("/apply/form").session(session)).andExpect(redirectedUrl("/apply"));
    }

    @Test
    @DisplayName("R-MAT-3 online-capable types and stations only: a dedicated-line HV type or a team instead of a station is refused "
            + "naming the field")
    void onlyOnlineTypesAndStationsAreAccepted() throws Exception {
        MockHttpSession session = new MockHttpSession();
        verifyInPages(newPhone(), session);

        mvc.perform(applicationForm(session, "HV_DEDICATED_LINE", orgUnit("YK-EAST"), UUID.randomUUID().toString()))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().string(Matchers.containsString("HV_DEDICATED_LINE")));
        mvc.perform(applicationForm(session, "LV_RES_NEW", orgUnit("YK-EAST-BIZ"), UUID.randomUUID().toString()))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().string(Matchers.containsString("data-testid=\"error-stationId\"")));
        mvc.perform(applicationForm(session, "LV_RES_NEW", orgUnit("YK-EAST"), UUID.randomUUID().toString())
                        .param("subjectCode", "110105194912310021"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().string(Matchers.containsString("data-testid=\"error-subjectCode\"")));
    }

    @Test
    @DisplayName("R-X-5 6b the public API: a code for one phone does not prove another, a refused application leaves the "
            + "code usable, the code works once and a retry with the same Idempotency-Key answers with the same order")
    void applicantAppliesThroughThePublicApi() throws Exception {
        String phone = newPhone();
        mvc.perform(post("/api/public/verification-codes").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"phone\":\"" + phone + "\",\"purpose\":\"ONLINE_APPLICATION\"}"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.phoneMasked").value(masked(phone)));
        mvc.perform(post("/api/public/verification-codes").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"phone\":\"" + phone + "\",\"purpose\":\"ONLINE_APPLICATION\"}"))
                .andExpect(status().isTooManyRequests())
                .andExpect(jsonPath("$.errors[0].field").value("phone"))
                .andExpect(jsonPath("$.detail").value(Matchers.containsString("60")));
        String code = lastCode(phone);
        long east = orgUnit("YK-EAST");
        String key = UUID.randomUUID().toString();

        apiApply(apiBody(newPhone(), code, east, "Dongcheng Road 8"), key)
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("code"));
        apiApply(apiBody(phone, code, east, "x"), key)
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("supplyAddress"));
        String created = apiApply(apiBody(phone, code, east, "Dongcheng Road 8"), key)
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.orderNo").value(Matchers.matchesPattern("YK-\\d{4}-\\d{6}")))
                .andExpect(jsonPath("$.progressPath").value(Matchers.startsWith("/s/")))
                .andReturn().getResponse().getContentAsString();
        String orderNo = JsonPath.read(created, "$.orderNo");

        apiApply(apiBody(phone, code, east, "Dongcheng Road 8"), key).andExpect(jsonPath("$.orderNo").value(orderNo));
        apiApply(apiBody(phone, code, east, "Dongcheng Road 8"), UUID.randomUUID().toString())
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("code"));
        apiApply(apiBody(newPhone(), code, east, "Dongcheng Road 8"), key).andExpect(status().isConflict());
        assertThat(jdbc.sql("select channel from application where order_no = ?").param(orderNo).query(String.class).single())
                .isEqualTo("ONLINE");
    }

    @Test
    @DisplayName("R-X-3 6b an SMS code proves the phone for one application: a second application in the same session is "
            + "refused and creates nothing, the first one posted again answers with its order, the form asks for a new code")
    void aProvenPhoneIsGoodForOneApplication() throws Exception {
        MockHttpSession session = new MockHttpSession();
        String phone = newPhone();
        verifyInPages(phone, session);
        String first = UUID.randomUUID().toString();
        String orderNo = (String) mvc.perform(applicationForm(session, "LV_RES_NEW", orgUnit("YK-EAST"), first))
                .andExpect(redirectedUrl("/apply/submitted")).andReturn().getFlashMap().get("orderNo");

        String second = UUID.randomUUID().toString();
        mvc.perform(applicationForm(session, "LV_RES_NEW", orgUnit("YK-EAST"), second, Subjects.idNumber())
                        .header("Accept-Language", "en"))
                .andExpect(status().isForbidden())
                .andExpect(content().string(Matchers.containsString("id=\"phone-form\"")))
                .andExpect(content().string(Matchers.containsString("used for one application already")));
        mvc.perform(applicationForm(session, "LV_RES_NEW", orgUnit("YK-EAST"), "")).andExpect(status().isForbidden());
        mvc.perform(get("/apply/form").session(session)).andExpect(redirectedUrl("/apply"));
        mvc.perform(get("/apply").session(session)).andExpect(status().isOk());
        mvc.perform(applicationForm(session, "LV_RES_NEW", orgUnit("YK-EAST"), first)).andExpect(flash().attribute("orderNo", orderNo));

        assertThat(jdbc.sql("select count(*) from application where phone_index = ?").param(cipher.blindIndex(phone))
                .query(Long.class).single()).isEqualTo(1);
    }

    @Test
    @DisplayName("R-MAT-5 R-X-3 6b materials on file are reused online only for their holder: another phone typing the same "
            + "ID number gets them deferred, the phone of the order that supplied them gets them on file")
    void materialsOnFileAreReusedOnlineOnlyForTheirHolder() throws Exception {
        String idNumber = Subjects.idNumber();
        String holderPhone = newPhone();
        String created = mvc.perform(post("/api/applications").with(httpBasic("clerk", PASSWORD))
                        .header("Idempotency-Key", UUID.randomUUID().toString()).contentType(MediaType.APPLICATION_JSON)
                        .content(counterBody(idNumber, holderPhone)))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        long supplying = ((Number) JsonPath.read(created, "$.id")).longValue();
        mvc.perform(multipart("/api/applications/{id}/materials/PROPERTY_PROOF", supplying)
                        .file(new MockMultipartFile("file", "p.pdf", "application/pdf", SampleFiles.PDF))
                        .with(httpBasic("clerk", PASSWORD)))
                .andExpect(status().isOk());

        MockHttpSession stranger = new MockHttpSession();
        verifyInPages(newPhone(), stranger);
        String strangers = (String) mvc.perform(applicationForm(stranger, "LV_RES_NEW", orgUnit("YK-EAST"),
                        UUID.randomUUID().toString(), idNumber))
                .andExpect(redirectedUrl("/apply/submitted")).andReturn().getFlashMap().get("orderNo");
        assertThat(materialState(strangers, "PROPERTY_PROOF")).isEqualTo("DEFERRED");

        MockHttpSession holder = new MockHttpSession();
        verifyInPages(holderPhone, holder);
        String holders = (String) mvc.perform(applicationForm(holder, "LV_RES_NEW", orgUnit("YK-EAST"),
                        UUID.randomUUID().toString(), idNumber))
                .andExpect(redirectedUrl("/apply/submitted")).andReturn().getFlashMap().get("orderNo");
        assertThat(materialState(holders, "PROPERTY_PROOF")).isEqualTo("ON_FILE");
    }

    @Test
    @DisplayName("R-X-3 R-X-5 6b an idempotency key is its caller's: a counter order's key replayed on the public API or by "
            + "another clerk is refused without the order's number or progress link, and creates nothing")
    void idempotencyKeysAreScopedToTheirCaller() throws Exception {
        String phone = newPhone();
        String key = UUID.randomUUID().toString();
        String created = mvc.perform(post("/api/applications").with(httpBasic("clerk", PASSWORD)).header("Idempotency-Key", key)
                        .contentType(MediaType.APPLICATION_JSON).content(counterBody(Subjects.idNumber(), phone)))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        String orderNo = JsonPath.read(created, "$.orderNo");
        String token = jdbc.sql("select progress_token from application where order_no = ?").param(orderNo)
                .query(String.class).single();

        String replayed = apiApply(apiBody(phone, "123456", orgUnit("YK-EAST"), "Dongcheng Road 8"), key)
                .andExpect(status().isConflict())
                .andReturn().getResponse().getContentAsString();
        assertThat(replayed).doesNotContain(token).doesNotContain(orderNo);
        String otherClerk = mvc.perform(post("/api/applications").with(httpBasic("clerk.west", PASSWORD))
                        .header("Idempotency-Key", key).contentType(MediaType.APPLICATION_JSON)
                        .content(counterBody(Subjects.idNumber(), phone)))
                .andExpect(status().isConflict())
                .andReturn().getResponse().getContentAsString();
        assertThat(otherClerk).doesNotContain(token).doesNotContain(orderNo);
        assertThat(jdbc.sql("select count(*) from application where phone_index = ?").param(cipher.blindIndex(phone))
                .query(Long.class).single()).isEqualTo(1);
    }

    private String materialState(String orderNo, String material) {
        return jdbc.sql("""
                select m.state from application_material m join application a on a.id = m.application_id
                where a.order_no = ? and m.material_code = ?""").params(orderNo, material).query(String.class).single();
    }

    private static String counterBody(String idNumber, String phone) {
        return """
                {"typeCode":"LV_RES_NEW","applicantKind":"PERSON","applicantName":"%s","subjectCode":"%s","phone":"%s",
                 "supplyAddress":"Dongcheng Road 8, Building 3","capacity":8,"capacityUnit":"KW","agent":false}"""
                .formatted(NAME, idNumber, phone);
    }

    private void verifyInPages(String phone, MockHttpSession session) throws Exception {
        mvc.perform(post("/apply/code").session(session).with(csrf()).param("phone", phone))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString(masked(phone))));
        mvc.perform(post("/apply/verify").session(session).with(csrf()).param("phone", phone).param("code", lastCode(phone)))
                .andExpect(redirectedUrl("/apply/form"));
    }

    private MockHttpServletRequestBuilder applicationForm(MockHttpSession session, String type, long station, String key) {
        return applicationForm(session, type, station, key, ID_NUMBER);
    }

    private MockHttpServletRequestBuilder applicationForm(MockHttpSession session, String type, long station, String key,
            String idNumber) {
        return post("/apply/form").session(session).with(csrf())
                .param("typeCode", type).param("applicantKind", "PERSON").param("applicantName", NAME)
                .param("subjectCode", idNumber).param("supplyAddress", "Dongcheng Road 8, Building 3")
                .param("capacity", "8").param("capacityUnit", "KW").param("stationId", Long.toString(station))
                .param("idempotencyKey", key);
    }

    private ResultActions apiApply(String body, String key) throws Exception {
        return mvc.perform(post("/api/public/applications").contentType(MediaType.APPLICATION_JSON)
                .header("Idempotency-Key", key).content(body));
    }

    private static String apiBody(String phone, String code, long station, String address) {
        return """
                {"typeCode":"LV_RES_NEW","applicantKind":"PERSON","applicantName":"%s","subjectCode":"%s","phone":"%s",
                 "supplyAddress":"%s","capacity":8,"capacityUnit":"KW","stationId":%d,"verificationCode":"%s"}"""
                .formatted(NAME, ID_NUMBER, phone, address, station, code);
    }

    private String lastCode(String phone) {
        String body = jdbc.sql("select body from sms_outbox where phone_index = ? and template_code = ? order by id desc limit 1")
                .params(cipher.blindIndex(phone), "verification-online-application").query(String.class).single();
        Matcher matcher = SIX_DIGITS.matcher(body);
        assertThat(matcher.find()).isTrue();
        return matcher.group();
    }

    private long orgUnit(String code) {
        return jdbc.sql("select id from org_unit where code = ?").param(code).query(Long.class).single();
    }

    private static String masked(String phone) {
        return phone.substring(0, 3) + "****" + phone.substring(7);
    }

    private static String newPhone() {
        return "18" + String.format("%09d", ThreadLocalRandom.current().nextLong(1_000_000_000L));
    }
}
