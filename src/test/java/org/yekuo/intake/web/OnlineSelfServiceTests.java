package org.yekuo.intake.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.yekuo.catalogue.BusinessTypeDefinition;
import org.yekuo.catalogue.BusinessTypeSummary;
import org.yekuo.catalogue.Catalogue;
import org.yekuo.catalogue.ProcessFamily;
import org.yekuo.shared.PersonalDataCipher;
import org.yekuo.support.SampleFiles;
import org.yekuo.support.Subjects;

/**
 * R-MAT-3 R-MAT-4 R-LIC-5 (self-service online for every type, issue 20): for every type the catalogue marks as
 * online-capable, an applicant proves the phone, applies through the pages, sees on the progress page each material
 * still missing with a way to supply it, and supplies one from the phone.
 */
@SpringBootTest
@AutoConfigureMockMvc
class OnlineSelfServiceTests {

    private static final Pattern SIX_DIGITS = Pattern.compile("\\d{6}");
    private static final String COMPLETE = "材料已齐全，无需再提交";
    private static final String MISSING = "下列标为黄色的材料还未提交";

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PersonalDataCipher cipher;
    @Autowired
    Catalogue catalogue;

    @Test
    @DisplayName("R-MAT-4 every online-capable type is applied for on /apply; its progress page lists what is missing and takes it from the phone")
    void everyOnlineTypeIsSelfService() throws Exception {
        List<BusinessTypeSummary> types = catalogue.onlineTypes();
        assertThat(types).hasSizeGreaterThan(6);
        long station = jdbc.sql("select id from org_unit where code = 'YK-EAST'").query(Long.class).single();
        int complete = 0;
        for (BusinessTypeSummary type : types) {
            BusinessTypeDefinition definition = catalogue.current(type.code());
            boolean organisation = definition.checklist().stream().anyMatch(i -> i.material().code().equals("BUSINESS_LICENCE"));
            String phone = Subjects.phone();
            // Each applicant from an address of their own, as on their own phones: the per-address code limit is not the point.
            RequestPostProcessor from = fromAddress("10.20." + ThreadLocalRandom.current().nextInt(256) + "." + ThreadLocalRandom.current().nextInt(1, 255));
            MockHttpSession session = new MockHttpSession();
            mvc.perform(post("/apply/code").session(session).with(csrf()).with(from).param("phone", phone)).andExpect(status().isOk());
            mvc.perform(post("/apply/verify").session(session).with(csrf()).with(from).param("phone", phone).param("code", lastCode(phone)))
                    .andExpect(redirectedUrl("/apply/form"));
            MvcResult submitted = mvc.perform(post("/apply/form").session(session).with(csrf()).with(from)
                            .param("typeCode", type.code()).param("applicantKind", organisation ? "ORGANISATION" : "PERSON")
                            .param("applicantName", organisation ? "示范商贸有限公司" : "王小明")
                            .param("subjectCode", organisation ? Subjects.creditCode() : Subjects.idNumber())
                            .param("supplyAddress", "示范市城东区人民路 " + ThreadLocalRandom.current().nextInt(1000) + " 号")
                            .param("capacity", type.family() == ProcessFamily.HV ? "400" : "8")
                            .param("capacityUnit", type.family() == ProcessFamily.HV ? "KVA" : "KW")
                            .param("stationId", Long.toString(station)).param("idempotencyKey", UUID.randomUUID().toString()))
                    .andExpect(redirectedUrl("/apply/submitted")).andReturn();
            String token = (String) submitted.getFlashMap().get("token");
            long orderId = jdbc.sql("select id from application where progress_token = ?").param(token).query(Long.class).single();
            List<String> missing = jdbc.sql("""
                    select material_code from application_material where application_id = ? and state in ('REQUIRED', 'DEFERRED')
                    order by material_code""").param(orderId).query(String.class).list();
            String page = mvc.perform(get("/s/{t}", token)).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
            assertThat(page).as(type.code()).contains("data-testid=\"progress-materials\"");
            if (missing.isEmpty()) {
                // A change that needs nothing but the subject qualification says so, and offers no upload.
                assertThat(page).as(type.code()).contains(COMPLETE).doesNotContain("id=\"supply-");
                complete++;
                continue;
            }
            assertThat(page).as(type.code()).contains(MISSING);
            missing.forEach(code -> assertThat(page).as(type.code() + " offers to supply " + code).contains("id=\"supply-" + code + "\""));

            String supplied = missing.get(0);
            mvc.perform(multipart("/s/{t}/materials/{c}", token, supplied)
                            .file(new MockMultipartFile("file", "材料.pdf", "application/pdf", SampleFiles.PDF)).with(csrf()))
                    .andExpect(status().is3xxRedirection()).andExpect(flash().attribute("suppliedMaterial", supplied));
            assertThat(jdbc.sql("select state from application_material where application_id = ? and material_code = ?")
                    .params(orderId, supplied).query(String.class).single()).as(type.code()).isEqualTo("SUPPLIED");
        }
        assertThat(complete).as("types with something to supply later").isLessThan(types.size() / 2);
    }

    private static RequestPostProcessor fromAddress(String address) {
        return request -> {
            request.setRemoteAddr(address);
            return request;
        };
    }

    private String lastCode(String phone) {
        String body = jdbc.sql("select body from sms_outbox where phone_index = ? and template_code = ? order by id desc limit 1")
                .params(cipher.blindIndex(phone), "verification-online-application").query(String.class).single();
        Matcher matcher = SIX_DIGITS.matcher(body);
        assertThat(matcher.find()).isTrue();
        return matcher.group();
    }
}
