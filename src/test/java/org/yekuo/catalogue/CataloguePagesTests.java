package org.yekuo.catalogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;

@SpringBootTest
@AutoConfigureMockMvc
class CataloguePagesTests {

    private static final String PASSWORD = "Yekuo@2026";

    @Autowired
    MockMvc mvc;

    @Autowired
    Catalogue catalogue;

    @Test
    @DisplayName("R-CAT-1 the catalogue page lists the 23 types and filters them by family")
    void listsTheTypes() throws Exception {
        mvc.perform(get("/catalogue").with(httpBasic("clerk", PASSWORD)))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("\u5171 23 \u6761")))
                .andExpect(content().string(containsString("data-code=\"PV_GRID_CONNECTION\"")));
        mvc.perform(get("/catalogue").param("family", "LV").with(httpBasic("clerk", PASSWORD)))
                .andExpect(content().string(containsString("\u5171 5 \u6761")))
                .andExpect(content().string(not(containsString("data-code=\"HV_NEW_SINGLE\""))));
    }

    @Test
    @DisplayName("R-CAT-1 a type's page shows its flow, limits, materials and history; only administrators get edit forms")
    void showsATypeAndOffersEditsToAdministratorsOnly() throws Exception {
        mvc.perform(get("/catalogue/HV_NEW_SINGLE").with(httpBasic("admin", PASSWORD)))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("\u73b0\u573a\u52d8\u67e5")))
                .andExpect(content().string(containsString("\u8d1f\u8377\u8ba1\u7b97\u4e66")))
                .andExpect(content().string(containsString("\u5bb9\u7f3a\u81f3\u65b9\u6848\u5ba1\u67e5")))
                .andExpect(content().string(containsString("id=\"limit-SITE_SURVEY\"")));
        mvc.perform(get("/catalogue/HV_NEW_SINGLE").with(httpBasic("clerk", PASSWORD)))
                .andExpect(status().isOk())
                .andExpect(content().string(not(containsString("id=\"limit-SITE_SURVEY\""))));
        mvc.perform(get("/catalogue/HV_NEW_SINGLE").param("lang", "en").with(httpBasic("clerk", PASSWORD)))
                .andExpect(content().string(containsString("Deferred until Scheme review (countersign)")));
    }

    @Test
    @DisplayName("R-SLA-1 a limit saved on the page makes a new version and says so; version 1 stays readable")
    void savesALimitFromThePage() throws Exception {
        int n = catalogue.current("CAPACITY_REDUCTION").version();
        mvc.perform(post("/catalogue/CAPACITY_REDUCTION/nodes/CONTRACT/limit").with(httpBasic("admin", PASSWORD)).with(csrf())
                        .param("baseVersion", String.valueOf(n)).param("amount", "3").param("unit", "WORKING_DAYS")
                        .param("source", "STATE_GRID_RULE").param("note", "page"))
                .andExpect(redirectedUrl("/catalogue/CAPACITY_REDUCTION"))
                .andExpect(flash().attribute("savedVersion", n + 1));
        assertThat(catalogue.current("CAPACITY_REDUCTION").limitOf(KeyNode.CONTRACT).orElseThrow().amount()).isEqualTo(3);
        mvc.perform(get("/catalogue/CAPACITY_REDUCTION").param("version", "1").with(httpBasic("admin", PASSWORD)))
                .andExpect(content().string(containsString("data-testid=\"old-version\"")))
                .andExpect(content().string(not(containsString("id=\"limit-CONTRACT\""))));
    }

    @Test
    @DisplayName("R-SLA-1 a refused limit is shown on its field in the page language, and nothing is saved")
    void showsARefusalOnTheField() throws Exception {
        int n = catalogue.current("CAPACITY_REDUCTION").version();
        mvc.perform(post("/catalogue/CAPACITY_REDUCTION/nodes/SITE_SURVEY/limit").with(httpBasic("admin", PASSWORD)).with(csrf())
                        .param("baseVersion", String.valueOf(n)).param("amount", "abc").param("unit", "WORKING_DAYS")
                        .param("source", "PAPER"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().string(containsString("data-field=\"amount\"")))
                .andExpect(content().string(containsString("\u65f6\u9650\u6570\u503c\u201cabc\u201d\u4e0d\u662f\u6574\u6570")))
                .andExpect(content().string(containsString("value=\"abc\"")));
        mvc.perform(post("/catalogue/CAPACITY_REDUCTION/nodes/SITE_SURVEY/limit").with(httpBasic("admin", PASSWORD)).with(csrf())
                        .param("baseVersion", String.valueOf(n)).param("amount", "-5").param("unit", "WORKING_DAYS")
                        .param("source", "PAPER").param("lang", "en"))
                .andExpect(content().string(containsString("The amount -5 is not allowed")));
        assertThat(catalogue.current("CAPACITY_REDUCTION").version()).isEqualTo(n);
    }

    @Test
    @DisplayName("R-CAT-1 a page edit by someone who is not an administrator is forbidden")
    void nonAdminPageEditIsForbidden() throws Exception {
        int n = catalogue.current("CAPACITY_REDUCTION").version();
        mvc.perform(post("/catalogue/CAPACITY_REDUCTION/reviewers").with(httpBasic("marketing", PASSWORD)).with(csrf())
                        .param("baseVersion", String.valueOf(n)).param("department", "MARKETING"))
                .andExpect(status().isForbidden());
        assertThat(catalogue.current("CAPACITY_REDUCTION").version()).isEqualTo(n);
    }

    @Test
    @DisplayName("R-CAT-1 an unknown type's page answers 404 naming the code, inside the usual menu")
    void unknownTypePageIsNotFound() throws Exception {
        mvc.perform(get("/catalogue/NO_SUCH_TYPE").with(httpBasic("clerk", PASSWORD)))
                .andExpect(status().isNotFound())
                .andExpect(content().string(containsString("NO_SUCH_TYPE")))
                .andExpect(content().string(containsString("href=\"/tasks\"")));
    }
    @Test
    @DisplayName("R-CAT-1 an administrator marks on the type's page whether it may be applied for online, with a reason that is "
            + "audited; a missing reason is refused on the form, and other roles cannot change it")
    void administratorMarksATypeOnlineCapable(@Autowired org.yekuo.audit.AuditTrail audit) throws Exception {
        assertThat(catalogue.onlineTypes()).extracting(BusinessTypeSummary::code).doesNotContain("HV_DEDICATED_LINE");
        mvc.perform(get("/catalogue/HV_DEDICATED_LINE").with(httpBasic("admin", PASSWORD)))
                .andExpect(content().string(containsString("id=\"online-form\"")))
                .andExpect(content().string(containsString("\u4ec5\u9650\u8425\u4e1a\u5385\u53d7\u7406")));
        mvc.perform(get("/catalogue/HV_DEDICATED_LINE").with(httpBasic("clerk", PASSWORD)))
                .andExpect(content().string(not(containsString("id=\"online-form\""))));
        mvc.perform(post("/catalogue/HV_DEDICATED_LINE/online").with(httpBasic("clerk", PASSWORD)).with(csrf())
                        .param("onlineCapable", "true").param("reason", "try"))
                .andExpect(status().isForbidden());
        mvc.perform(post("/catalogue/HV_DEDICATED_LINE/online").with(httpBasic("admin", PASSWORD)).with(csrf())
                        .param("onlineCapable", "true").param("reason", " "))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().string(containsString("data-testid=\"online-error\"")))
                .andExpect(content().string(containsString("\u4fee\u6539\u539f\u56e0")));
        assertThat(catalogue.onlineTypes()).extracting(BusinessTypeSummary::code).doesNotContain("HV_DEDICATED_LINE");
        try {
            mvc.perform(post("/catalogue/HV_DEDICATED_LINE/online").with(httpBasic("admin", PASSWORD)).with(csrf())
                            .param("onlineCapable", "true").param("reason", "\u4e13\u7ebf\u65b9\u6848\u5df2\u6709\u6a21\u677f"))
                    .andExpect(redirectedUrl("/catalogue/HV_DEDICATED_LINE#online"))
                    .andExpect(flash().attribute("onlineSaved", true));
            assertThat(catalogue.onlineTypes()).extracting(BusinessTypeSummary::code).contains("HV_DEDICATED_LINE");
            mvc.perform(get("/catalogue").with(httpBasic("clerk", PASSWORD)))
                    .andExpect(content().string(containsString("data-online=\"true\"")));
            assertThat(audit.forSubject("business-type", "HV_DEDICATED_LINE"))
                    .anySatisfy(e -> assertThat(e.action() + " " + e.detail()).contains("catalogue.online-capable-changed", "online=true"));
        } finally {
            mvc.perform(post("/catalogue/HV_DEDICATED_LINE/online").with(httpBasic("admin", PASSWORD)).with(csrf())
                            .param("onlineCapable", "false").param("reason", "\u6062\u590d"))
                    .andExpect(flash().attribute("onlineSaved", false));
        }
        assertThat(catalogue.onlineTypes()).extracting(BusinessTypeSummary::code).doesNotContain("HV_DEDICATED_LINE");
    }
}
