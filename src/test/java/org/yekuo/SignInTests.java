package org.yekuo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

@SpringBootTest
@AutoConfigureMockMvc
class SignInTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Test
    @DisplayName("R-X-2 a demo administrator signs in and sees the workbench in Chinese")
    void adminSignsInAndSeesWorkbench() throws Exception {
        mvc.perform(formLogin().user("admin").password("Yekuo@2026")).andExpect(redirectedUrl("/"));
    }

    @Test
    @DisplayName("R-X-2 five wrong passwords lock the account for 15 minutes, even against the right password")
    void fiveWrongPasswordsLockTheAccount() throws Exception {
        // From five addresses: one address alone is throttled before it could lock the account (SignInThrottleTests).
        for (int i = 0; i < 5; i++) {
            mvc.perform(signIn("10.70.0." + (i + 1), "clerk.west", "wrong-" + i)).andExpect(redirectedUrl("/login?error"));
        }
        mvc.perform(signIn("10.70.0.9", "clerk.west", "Yekuo@2026")).andExpect(redirectedUrl("/login?error"));
        assertThat(jdbc.sql("select locked_until from staff where username = 'clerk.west'").query(java.sql.Timestamp.class).single())
                .isNotNull();
        jdbc.sql("update staff set locked_until = null, failed_logins = 0 where username = 'clerk.west'").update();
    }

    @Test
    @DisplayName("R-X-5 the API answers an anonymous caller with a problem document in Chinese by default")
    void anonymousApiCallGetsProblemDetail() throws Exception {
        mvc.perform(get("/api/catalogue/types"))
                .andExpect(status().isUnauthorized())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
                .andExpect(jsonPath("$.detail").value("请先登录"));
        mvc.perform(get("/api/catalogue/types").header("Accept-Language", "en"))
                .andExpect(jsonPath("$.detail").value("Please sign in first"));
    }

    private static org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder signIn(String address, String user,
            String password) {
        return org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/login")
                .with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf())
                .with(request -> {
                    request.setRemoteAddr(address);
                    return request;
                }).param("username", user).param("password", password);
    }

    @Test
    void pagesRedirectAnonymousVisitorsToSignIn() throws Exception {
        mvc.perform(get("/").accept("text/html")).andExpect(redirectedUrl("/login"));
    }
}
