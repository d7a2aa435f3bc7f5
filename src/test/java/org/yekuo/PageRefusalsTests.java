package org.yekuo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.yekuo.shared.Refusals;

/**
 * A page's handler that lets a refusal through (OnRefusal) shows it as it did when it caught the refusal itself:
 * on its refused page, inside the menu, under the refusal's status, or back on the page it came from with the
 * refusal in the flash.
 */
@SpringBootTest
@AutoConfigureMockMvc
class PageRefusalsTests {

    private static final String PASSWORD = "Yekuo@2026";
    private static final long NO_SUCH_ID = 987_654_321L;

    @Autowired
    MockMvc mvc;

    @Test
    @DisplayName("R-X-1 a refused page shows the reason on its refused page, inside the usual menu, under the refusal's status")
    void refusedPageKeepsTheFrameAndTheStatus() throws Exception {
        MvcResult result = mvc.perform(get("/documents/{id}", NO_SUCH_ID).with(httpBasic("clerk", PASSWORD)))
                .andExpect(status().isNotFound()).andReturn();
        String page = result.getResponse().getContentAsString();
        assertThat(result.getModelAndView().getViewName()).isEqualTo("document/refused");
        assertThat(page).contains("data-testid=\"refusal\"").contains("data-testid=\"current-user\"").contains("我的待办");
    }

    @Test
    @DisplayName("R-X-1 a refused action goes back to its page with the reason in the flash, the address filled from the request")
    void refusedActionGoesBackWithTheReason() throws Exception {
        MvcResult result = mvc.perform(post("/scheme-changes/{id}/acknowledge", NO_SUCH_ID).with(httpBasic("designer", PASSWORD))
                        .with(csrf()))
                .andExpect(status().is3xxRedirection()).andExpect(redirectedUrl("/scheme-changes/" + NO_SUCH_ID)).andReturn();
        assertThat(result.getFlashMap().get("refusal")).isInstanceOf(Refusals.Refusal.class);
        assertThat(((Refusals.Refusal) result.getFlashMap().get("refusal")).message()).isNotBlank();
    }
}
