package org.yekuo.intake.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.UUID;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.yekuo.support.SampleFiles;
import org.yekuo.support.Subjects;

import com.jayway.jsonpath.JsonPath;

/**
 * R-MAT-3 R-MAT-4 self-service after applying: the progress page says which materials are still missing and takes a
 * photo or scan of each from the applicant's phone; what is supplied cannot be replaced through the link, and a file
 * the archive refuses leaves the material missing.
 */
@SpringBootTest
@AutoConfigureMockMvc
class ProgressMaterialsTests {

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;

    @Test
    @DisplayName("R-MAT-4 the applicant sees the deferred property proof as missing and supplies it from the progress page; "
            + "supplied, it cannot be replaced through the link")
    void applicantSuppliesADeferredMaterial() throws Exception {
        long id = newOrder();
        String token = jdbc.sql("select progress_token from application where id = ?").param(id).query(String.class).single();
        mvc.perform(get("/s/{t}", token)).andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("data-testid=\"progress-materials\"")))
                .andExpect(content().string(Matchers.containsString("id=\"supply-PROPERTY_PROOF\"")))
                .andExpect(content().string(Matchers.containsString("还未提交")))
                .andExpect(content().string(Matchers.containsString("/s/" + token + "/licences/panel")));

        mvc.perform(multipart("/s/{t}/materials/PROPERTY_PROOF", token).file(file("lease.pdf", new byte[] {'<', 'h'})).with(csrf()))
                .andExpect(status().is3xxRedirection()).andExpect(flash().attributeExists("refusal"));
        assertThat(state(id)).isNotEqualTo("SUPPLIED");

        mvc.perform(multipart("/s/{t}/materials/PROPERTY_PROOF", token).file(file("产权证.pdf", SampleFiles.PDF)).with(csrf()))
                .andExpect(status().is3xxRedirection()).andExpect(flash().attribute("suppliedMaterial", "PROPERTY_PROOF"));
        assertThat(state(id)).isEqualTo("SUPPLIED");
        assertThat(jdbc.sql("select added_by from document where order_id = ? and subject = 'PROPERTY_PROOF'").param(id)
                .query(String.class).single()).isEqualTo("applicant");

        mvc.perform(multipart("/s/{t}/materials/PROPERTY_PROOF", token).file(file("again.pdf", SampleFiles.PDF)).with(csrf()))
                .andExpect(status().is3xxRedirection()).andExpect(flash().attributeExists("refusal"));
        assertThat(jdbc.sql("select count(*) from document where order_id = ?").param(id).query(Long.class).single()).isEqualTo(1);
        mvc.perform(multipart("/s/{t}/materials/PROPERTY_PROOF", "no-such-token-00000000").file(file("x.pdf", SampleFiles.PDF))
                .with(csrf())).andExpect(status().is3xxRedirection()).andExpect(flash().attributeExists("refusal"));
        mvc.perform(multipart("/s/{t}/materials/PROPERTY_PROOF", token).file(file("x.pdf", SampleFiles.PDF)))
                .andExpect(status().isForbidden());
    }

    private static MockMultipartFile file(String name, byte[] bytes) {
        return new MockMultipartFile("file", name, "application/octet-stream", bytes);
    }

    private String state(long id) {
        return jdbc.sql("select state from application_material where application_id = ? and material_code = 'PROPERTY_PROOF'").param(id)
                .query(String.class).single();
    }

    private long newOrder() throws Exception {
        String body = """
                {"typeCode":"LV_RES_NEW","applicantKind":"PERSON","applicantName":"王小明","subjectCode":"%s","phone":"%s",
                 "supplyAddress":"示范市城东区人民路 100 号","capacity":8,"capacityUnit":"KW","agent":false}"""
                .formatted(Subjects.idNumber(), Subjects.phone());
        String created = mvc.perform(post("/api/applications").with(httpBasic("clerk", "Yekuo@2026"))
                        .header("Idempotency-Key", UUID.randomUUID().toString()).contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        return ((Number) JsonPath.read(created, "$.id")).longValue();
    }
}
