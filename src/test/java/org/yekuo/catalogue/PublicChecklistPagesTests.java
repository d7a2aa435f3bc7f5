package org.yekuo.catalogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.regex.Pattern;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.yekuo.shared.PublicAddress;

/** The public checklists, read without signing in. */
@SpringBootTest
@AutoConfigureMockMvc
class PublicChecklistPagesTests {

    private static final String PASSWORD = "Yekuo@2026";
    private static final String SCHEME_DESIGN_ZH = "\u4f9b\u7535\u65b9\u6848\u62df\u5b9a";

    @Autowired
    MockMvc mvc;

    @Autowired
    PublicAddress publicAddress;

    @Autowired
    Catalogue catalogue;

    private String page(String path) throws Exception {
        return mvc.perform(get(path)).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString();
    }

    /** The part of a page from the element with this test id to the end of its section. */
    private static String section(String html, String testId) {
        int start = html.indexOf("data-testid=\"" + testId + "\"");
        assertThat(start).as("section " + testId).isNotNegative();
        return html.substring(start, html.indexOf("</section>", start));
    }

    private static long count(String html, String attribute) {
        return Pattern.compile(Pattern.quote(attribute + "=\"")).matcher(html).results().count();
    }

    @Test
    @DisplayName("R-MAT-6 anyone lists all business types grouped by family without signing in")
    void listsAllTypesByFamilyToAnonymousVisitors() throws Exception {
        String html = page("/public/checklists");
        assertThat(count(html, "data-type")).isEqualTo(catalogue.types().size()).isEqualTo(23);
        for (ProcessFamily family : ProcessFamily.values()) {
            assertThat(html).contains("data-family=\"" + family + "\"");
        }
        String lv = html.substring(html.indexOf("data-family=\"LV\""), html.indexOf("data-family=\"HV\""));
        assertThat(lv).contains("href=\"/public/checklists/LV_RES_NEW\"").doesNotContain("HV_NEW_SINGLE");
    }

    @Test
    @DisplayName("R-MAT-6 R-MAT-1 R-MAT-3 LV_RES_NEW shows its 3 materials: the property proof may follow until scheme design")
    void showsRequiredAndDeferredMaterials() throws Exception {
        BusinessTypeDefinition type = catalogue.current("LV_RES_NEW");
        String html = page("/public/checklists/LV_RES_NEW");
        assertThat(html).contains(type.nameZh()).contains("\u5f53\u524d\u7248\u672c v" + type.version());
        assertThat(count(html, "data-material")).isEqualTo(3);
        String required = section(html, "required");
        assertThat(required).contains("data-material=\"ID_CARD\"", "data-material=\"APPLICATION_FORM\"")
                .doesNotContain("PROPERTY_PROOF");
        assertThat(section(html, "deferred")).contains("data-material=\"PROPERTY_PROOF\"").contains(SCHEME_DESIGN_ZH);
        assertThat(html).contains("href=\"/public/checklists/LV_RES_NEW/templates/application-form?download=1\"",
                "href=\"/public/checklists/LV_RES_NEW/templates/power-of-attorney?download=1\"");
    }

    @Test
    @DisplayName("R-MAT-6 R-MAT-1 HV_NEW_SINGLE lists its 7 materials, one subject qualification enough to start")
    void listsTheSevenHighVoltageMaterials() throws Exception {
        String html = page("/public/checklists/HV_NEW_SINGLE");
        assertThat(count(html, "data-material")).isEqualTo(7);
        assertThat(section(html, "required")).contains("data-material=\"BUSINESS_LICENCE\"")
                .contains("\u4e00\u8bc1\u542f\u52a8");
        assertThat(section(html, "deferred")).contains("data-material=\"EQUIPMENT_LIST\"",
                "data-material=\"LOAD_CALCULATION\"");
    }

    @Test
    @DisplayName("R-MAT-6 R-MAT-2 the abolished materials are listed with their reasons as never asked for, without internal notes")
    void listsAbolishedMaterialsWithReasons() throws Exception {
        String abolished = section(page("/public/checklists/LV_RES_NEW"), "abolished");
        assertThat(count(abolished, "data-abolished")).isEqualTo(catalogue.abolishedMaterials().size());
        int at = abolished.indexOf("data-abolished=\"COMMUNITY_ELECTRICITY_CERTIFICATE\"");
        assertThat(at).isNotNegative();
        assertThat(abolished.substring(at, abolished.indexOf("</li>", at)))
                .contains("\u793e\u533a\u7528\u7535\u8bc1\u660e")
                .contains("无政策依据，已取消");
        assertThat(abolished).doesNotContain("论文").doesNotContain("待业务负责人确认").doesNotContain("常见例子");
    }

    @Test
    @DisplayName("R-MAT-6 after an administrator edits a type, its public page and poster show the new version")
    void showsTheCurrentVersionAfterAnEdit() throws Exception {
        BusinessTypeDefinition before = catalogue.current("ACCOUNT_CLOSURE");
        int n = before.version();
        int days = before.limitOf(KeyNode.CONTRACT).orElseThrow().amount();
        mvc.perform(put("/api/catalogue/types/ACCOUNT_CLOSURE/nodes/CONTRACT/limit").with(httpBasic("admin", PASSWORD))
                .contentType(MediaType.APPLICATION_JSON).content("""
                        {"baseVersion": %d, "amount": %d, "unit": "WORKING_DAYS", "source": "COMMON_PRACTICE",
                         "note": "public checklist follows"}""".formatted(n, days + 1)))
                .andExpect(status().isOk());

        assertThat(page("/public/checklists/ACCOUNT_CLOSURE")).contains("\u5f53\u524d\u7248\u672c v" + (n + 1))
                .doesNotContain("\u5f53\u524d\u7248\u672c v" + n + "\uff08");
        assertThat(page("/public/checklists/ACCOUNT_CLOSURE/poster")).contains(" v" + (n + 1) + "\uff08");
    }

    @Test
    @DisplayName("R-MAT-6 the poster carries a QR code and prints the link at the deployment's public address, not the address "
            + "the page was asked at")
    void posterLinksToThePublicPage() throws Exception {
        String html = mvc.perform(get("/public/checklists/LV_RES_NEW/poster").with(request -> {
            request.setScheme("https");
            request.setServerName("yekuo.example");
            request.setServerPort(8443);
            return request;
        })).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(html).contains("<svg").contains("class=\"qr\"").contains("<path fill=\"#000\" d=\"M")
                .contains("data-testid=\"poster-link\">" + publicAddress.base() + "/public/checklists/LV_RES_NEW</p>")
                .doesNotContain("yekuo.example:8443")
                .contains(catalogue.current("LV_RES_NEW").nameZh()).contains(SCHEME_DESIGN_ZH)
                .doesNotContain("<script");
    }

    @Test
    @DisplayName("R-MAT-6 the templates download as attachments with ASCII names and print the type and checklist version")
    void templatesDownloadAsAttachments() throws Exception {
        BusinessTypeDefinition type = catalogue.current("LV_RES_NEW");
        String form = mvc.perform(get("/public/checklists/LV_RES_NEW/templates/application-form").param("download", "1"))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Disposition", "attachment; filename=\"application-form-LV_RES_NEW.html\""))
                .andReturn().getResponse().getContentAsString();
        assertThat(form).contains("\u7528\u7535\u7533\u8bf7\u4e66", type.nameZh(), "v" + type.version(), "@page")
                .doesNotContain("<script");
        String attorney = mvc.perform(get("/public/checklists/HV_NEW_SINGLE/templates/power-of-attorney"))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Disposition", "inline; filename=\"power-of-attorney-HV_NEW_SINGLE.html\""))
                .andReturn().getResponse().getContentAsString();
        assertThat(attorney).contains("\u6388\u6743\u59d4\u6258\u4e66", catalogue.current("HV_NEW_SINGLE").nameZh())
                .doesNotContain("<script");
    }

    @Test
    @DisplayName("R-MAT-6 an unknown type answers a 404 page in the public style")
    void unknownTypeIsNotFound() throws Exception {
        for (String path : new String[] {"/public/checklists/NO_SUCH_TYPE", "/public/checklists/NO_SUCH_TYPE/poster",
                "/public/checklists/NO_SUCH_TYPE/templates/application-form"}) {
            mvc.perform(get(path)).andExpect(status().isNotFound())
                    .andExpect(content().string(containsString("data-testid=\"checklist-unknown\"")))
                    .andExpect(header().doesNotExist("Content-Disposition"));
        }
    }

    @Test
    @DisplayName("R-MAT-6 the pages speak English with ?lang=en or Accept-Language: en")
    void speaksEnglish() throws Exception {
        mvc.perform(get("/public/checklists/LV_RES_NEW").param("lang", "en"))
                .andExpect(content().string(containsString("Low-voltage residential new connection")))
                .andExpect(content().string(containsString("due before &quot;Scheme design&quot;")))
                .andExpect(content().string(containsString("Community electricity certificate")))
                .andExpect(content().string(not(containsString(SCHEME_DESIGN_ZH))));
        mvc.perform(get("/public/checklists").header("Accept-Language", "en"))
                .andExpect(content().string(containsString("Materials checklists")));
        mvc.perform(get("/public/checklists/LV_RES_NEW/templates/power-of-attorney").header("Accept-Language", "en"))
                .andExpect(content().string(containsString("Power of attorney")));
    }

    @Test
    @DisplayName("R-MAT-6 the staff type page links to the public page and the poster")
    void staffPageLinksToThePublicChecklist() throws Exception {
        mvc.perform(get("/catalogue/LV_RES_NEW").with(httpBasic("clerk", PASSWORD)))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("href=\"/public/checklists/LV_RES_NEW\"")))
                .andExpect(content().string(containsString("href=\"/public/checklists/LV_RES_NEW/poster\"")));
    }
}
