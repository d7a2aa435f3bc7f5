package org.yekuo.catalogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.regex.Pattern;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;

@SpringBootTest
@AutoConfigureMockMvc
class ReviewGuidelinePagesTests {

    private static final String PASSWORD = "Yekuo@2026";

    @Autowired
    MockMvc mvc;

    @Autowired
    ReviewGuidelines guidelines;

    /** A section of the page for one department that lists the clause. */
    private static String inDepartment(String department, String clauseNo) {
        return "(?s).*data-department=\"" + department + "\"((?!data-department=).)*data-clause=\"" + Pattern.quote(clauseNo)
                + "\".*";
    }

    @Test
    @DisplayName("R-REV-2 the catalogue page links to both review guidelines")
    void catalogueLinksToTheGuidelines() throws Exception {
        mvc.perform(get("/catalogue").with(httpBasic("clerk", PASSWORD)))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("href=\"/catalogue/guidelines/LV\"")))
                .andExpect(content().string(containsString("\u9ad8\u538b\u4f9b\u7535\u65b9\u6848\u5ba1\u67e5\u6307\u5f15")));
    }

    @Test
    @DisplayName("R-REV-2 a guideline's page groups the items by department, names the types it applies to, and offers edits to administrators only")
    void showsItemsByDepartment() throws Exception {
        mvc.perform(get("/catalogue/guidelines/HV").param("version", "1").with(httpBasic("dispatch", PASSWORD)))
                .andExpect(status().isOk())
                .andExpect(content().string(matchesPattern(inDepartment("DISPATCH", "HV-8"))))
                .andExpect(content().string(matchesPattern(inDepartment("DISPATCH", "HV-23"))))
                .andExpect(content().string(matchesPattern(inDepartment("MARKETING", "HV-21"))))
                .andExpect(content().string(matchesPattern(inDepartment("OPERATIONS", "HV-7"))))
                .andExpect(content().string(containsString("\u7ee7\u7535\u4fdd\u62a4\u914d\u7f6e")))
                .andExpect(content().string(containsString("data-code=\"PV_GRID_CONNECTION\"")))
                .andExpect(content().string(not(containsString("data-code=\"LV_RES_NEW\""))))
                .andExpect(content().string(not(containsString("id=\"item-HV-7\""))));
        mvc.perform(get("/catalogue/guidelines/LV").with(httpBasic("admin", PASSWORD)))
                .andExpect(content().string(containsString("id=\"item-LV-1\"")))
                .andExpect(content().string(containsString("id=\"add-item\"")))
                .andExpect(content().string(containsString("data-code=\"EV_CHARGING\"")));
        mvc.perform(get("/catalogue/guidelines/LV").param("lang", "en").with(httpBasic("clerk", PASSWORD)))
                .andExpect(content().string(containsString("Meter position reasonable and reachable for reading and maintenance")))
                .andExpect(content().string(containsString("Low-voltage scheme review guideline")));
    }

    @Test
    @DisplayName("R-REV-2 a business type's page names the review guideline its schemes are checked against")
    void typePageNamesItsGuideline() throws Exception {
        mvc.perform(get("/catalogue/HV_DEDICATED_LINE").with(httpBasic("clerk", PASSWORD)))
                .andExpect(content().string(containsString("href=\"/catalogue/guidelines/HV\"")));
        mvc.perform(get("/catalogue/LV_RES_NEW").with(httpBasic("clerk", PASSWORD)))
                .andExpect(content().string(containsString("href=\"/catalogue/guidelines/LV\"")));
        mvc.perform(get("/catalogue/NAME_TRANSFER").with(httpBasic("clerk", PASSWORD)))
                .andExpect(content().string(not(containsString("data-testid=\"guideline\""))));
    }

    @Test
    @DisplayName("R-REV-2 an item changed on the page makes a new version and says so; the old version stays readable")
    void savesAnItemFromThePage() throws Exception {
        ReviewGuideline before = guidelines.current("HV");
        int n = before.version();
        GuidelineItem fire = before.item("HV-19").orElseThrow();
        mvc.perform(post("/catalogue/guidelines/HV/items/HV-19").with(httpBasic("admin", PASSWORD)).with(csrf())
                        .param("baseVersion", String.valueOf(n)).param("textZh", fire.textZh())
                        .param("textEn", "Distribution room fire safety, page v" + (n + 1)).param("department", "OPERATIONS"))
                .andExpect(redirectedUrl("/catalogue/guidelines/HV"))
                .andExpect(flash().attribute("savedVersion", n + 1));
        assertThat(guidelines.clause("HV", n + 1, "HV-19")).hasValueSatisfying(
                i -> assertThat(i.textEn()).isEqualTo("Distribution room fire safety, page v" + (n + 1)));
        mvc.perform(get("/catalogue/guidelines/HV").param("version", String.valueOf(n)).with(httpBasic("admin", PASSWORD)))
                .andExpect(content().string(containsString("data-testid=\"old-version\"")))
                .andExpect(content().string(containsString(fire.textEn())))
                .andExpect(content().string(not(containsString("id=\"item-HV-19\""))));
    }

    @Test
    @DisplayName("R-REV-2 a refused page edit is shown on its field in the page language, and nothing is saved")
    void showsARefusalOnTheField() throws Exception {
        int n = guidelines.current("LV").version();
        mvc.perform(post("/catalogue/guidelines/LV/items").with(httpBasic("admin", PASSWORD)).with(csrf())
                        .param("baseVersion", String.valueOf(n)).param("clauseNo", "LV-1").param("textZh", "zh")
                        .param("textEn", "Duplicate").param("department", "MARKETING").param("lang", "en"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().string(containsString("data-field=\"clauseNo\"")))
                .andExpect(content().string(containsString("Clause LV-1 is already an item of this guideline")))
                .andExpect(content().string(containsString("value=\"Duplicate\"")));
        mvc.perform(post("/catalogue/guidelines/LV/items/LV-2").with(httpBasic("admin", PASSWORD)).with(csrf())
                        .param("baseVersion", String.valueOf(n)).param("textZh", "").param("textEn", "x")
                        .param("department", "OPERATIONS"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().string(containsString("data-field=\"textZh\"")))
                .andExpect(content().string(containsString("\u5fc5\u987b\u586b\u5199\u5185\u5bb9")));
        assertThat(guidelines.current("LV").version()).isEqualTo(n);
    }

    @Test
    @DisplayName("R-REV-2 a page edit by a reviewer is forbidden, and an unknown guideline's page answers 404 naming it")
    void refusesNonAdminsAndUnknownGuidelines() throws Exception {
        int n = guidelines.current("LV").version();
        mvc.perform(post("/catalogue/guidelines/LV/items/LV-1/retire").with(httpBasic("marketing", PASSWORD)).with(csrf())
                        .param("baseVersion", String.valueOf(n)))
                .andExpect(status().isForbidden());
        assertThat(guidelines.current("LV").item("LV-1")).isPresent();
        mvc.perform(get("/catalogue/guidelines/MV").with(httpBasic("clerk", PASSWORD)))
                .andExpect(status().isNotFound())
                .andExpect(content().string(containsString("data-testid=\"refusal\"")))
                .andExpect(content().string(containsString("MV")));
    }
}
