package org.yekuo;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.concurrent.ThreadLocalRandom;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.yekuo.support.SampleFiles;

/**
 * 6b, R-X-5: NUL and other control characters, direction overrides (U+202E) and lone surrogates are
 * refused wherever text comes in (JSON fields, query and form parameters, file names) with a problem
 * document naming the field, before they reach PostgreSQL (which answered NUL with a 500); and every
 * refusal, a failed Basic sign-in and a rate limit among them, is a problem document.
 */
@SpringBootTest
@AutoConfigureMockMvc
class InputPolicyTests {

    private static final String PASSWORD = "Yekuo@2026";

    @Autowired
    MockMvc mvc;

    @Test
    @DisplayName("6b a NUL, a U+202E or a lone surrogate in a JSON field is refused with the field named, not a 500")
    void jsonFieldsWithForbiddenCharactersAreRefused() throws Exception {
        for (String bad : new String[] {"\\u0000", "\\u202e", "\\ud800", "\\u001b[31m"}) {
            refused(mvc.perform(post("/api/applications").with(httpBasic("clerk", PASSWORD))
                    .contentType(MediaType.APPLICATION_JSON).content(application("人民路 100 号" + bad))), "supplyAddress");
        }
    }

    @Test
    @DisplayName("6b a forbidden character in a JSON map value (a node form's field) is refused with its path")
    void jsonMapValuesAreChecked() throws Exception {
        refused(mvc.perform(post("/api/tasks/{id}/complete", "no-such-task").with(httpBasic("surveyor", PASSWORD))
                .contentType(MediaType.APPLICATION_JSON).content("{\"fields\":{\"surveyNote\":\"ok\\u0000\"}}")),
                "fields.surveyNote");
    }

    @Test
    @DisplayName("6b a forbidden character in a query parameter is refused with the parameter named")
    void queryParametersAreChecked() throws Exception {
        refused(mvc.perform(get("/api/applications").param("q", "张\u0000三").with(httpBasic("clerk", PASSWORD))), "q");
        refused(mvc.perform(get("/api/applications").param("q", "\u202eexe.txt").with(httpBasic("clerk", PASSWORD))), "q");
    }

    @Test
    @DisplayName("6b a file name with a direction override or a NUL is refused with the upload's field named")
    void fileNamesAreChecked() throws Exception {
        for (String name : new String[] {"scan\u202Efdp.exe", "scan\u0000.pdf"}) {
            refused(mvc.perform(multipart("/api/applications/{id}/materials/PROPERTY_PROOF", 999_999_999L)
                    .file(new MockMultipartFile("file", name, "application/pdf", SampleFiles.PDF))
                    .with(httpBasic("clerk", PASSWORD))), "file");
        }
    }

    @Test
    @DisplayName("6b a page form and the public API refuse forbidden characters too, before sign-in reads them")
    void formsAndPublicApiAreChecked() throws Exception {
        refused(mvc.perform(post("/login").param("username", "admin\u0000").param("password", "x")), "username");
        refused(mvc.perform(post("/api/public/verification-codes").contentType(MediaType.APPLICATION_JSON)
                .content("{\"phone\":\"139\\u0000\",\"purpose\":\"ONLINE_APPLICATION\"}")), "phone");
    }

    @Test
    @DisplayName("R-X-5 ordinary Chinese text with line breaks and tabs passes the policy")
    void ordinaryTextPasses() throws Exception {
        mvc.perform(get("/api/applications").param("q", "张三丰\t人民路\n100 号 😀").with(httpBasic("clerk", PASSWORD)))
                .andExpect(status().isOk());
    }

    @Test
    @DisplayName("R-X-5 a wrong Basic-auth password is answered 401 with a problem document")
    void basicAuthFailureIsAProblemDocument() throws Exception {
        mvc.perform(get("/api/catalogue/types").with(httpBasic("clerk", "wrong-password")))
                .andExpect(status().isUnauthorized())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
                .andExpect(jsonPath("$.code").value("security.unauthenticated"));
    }

    @Test
    @DisplayName("6b a rate limit answers 429 with Retry-After and a problem document naming the field")
    void rateLimitSaysWhenToRetry() throws Exception {
        String phone = "139" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
        String body = "{\"phone\":\"" + phone + "\",\"purpose\":\"ONLINE_APPLICATION\"}";
        mvc.perform(post("/api/public/verification-codes").contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isCreated());
        mvc.perform(post("/api/public/verification-codes").contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isTooManyRequests())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
                .andExpect(header().string("Retry-After", Matchers.matchesPattern("[1-9][0-9]?")))
                .andExpect(jsonPath("$.errors[0].field").value("phone"));
    }

    private static void refused(ResultActions answer, String field) throws Exception {
        answer.andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
                .andExpect(jsonPath("$.errors[0].field").value(field))
                .andExpect(jsonPath("$.errors[0].message").value(Matchers.containsString("U+202E")));
    }

    private static String application(String address) {
        return """
                {"typeCode":"LV_RES_NEW","applicantKind":"PERSON","applicantName":"张三","subjectCode":"11010519491231002X",
                 "phone":"13912345678","supplyAddress":"%s","capacity":8,"capacityUnit":"KW","agent":false}"""
                .formatted(address);
    }
}
