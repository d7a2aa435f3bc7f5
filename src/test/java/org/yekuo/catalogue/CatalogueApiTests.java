package org.yekuo.catalogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.yekuo.audit.AuditTrail;

/**
 * The catalogue over HTTP. The suite shares one database, so edits go to change-family types and every
 * test reads the version it edits from before editing.
 */
@SpringBootTest
@AutoConfigureMockMvc
class CatalogueApiTests {

    private static final String PASSWORD = "Yekuo@2026";

    @Autowired
    MockMvc mvc;

    @Autowired
    Catalogue catalogue;

    @Autowired
    AuditTrail audit;

    private ResultActions asAdmin(MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request.with(httpBasic("admin", PASSWORD)));
    }

    private static MockHttpServletRequestBuilder json(MockHttpServletRequestBuilder request, String body) {
        return request.contentType(MediaType.APPLICATION_JSON).content(body);
    }

    private static String limit(int baseVersion, String amount, String unit) {
        return """
                {"baseVersion": %d, "amount": %s, "unit": "%s", "source": "COMMON_PRACTICE", "note": "tested"}"""
                .formatted(baseVersion, amount, unit);
    }

    @Test
    @DisplayName("R-CAT-1 any member of staff lists the types, filtered by family, and reads one type")
    void staffReadTheCatalogue() throws Exception {
        mvc.perform(get("/api/catalogue/types").with(httpBasic("clerk", PASSWORD)))
                .andExpect(status().isOk()).andExpect(jsonPath("$.length()").value(23));
        mvc.perform(get("/api/catalogue/types").param("family", "HV").with(httpBasic("clerk", PASSWORD)))
                .andExpect(jsonPath("$.length()").value(7))
                .andExpect(jsonPath("$[0].code").value("HV_NEW_SINGLE"));
        mvc.perform(get("/api/catalogue/types/HV_NEW_DUAL").param("version", "1").with(httpBasic("clerk", PASSWORD)))
                .andExpect(jsonPath("$.version").value(1))
                .andExpect(jsonPath("$.nodes.length()").value(12))
                .andExpect(jsonPath("$.nodes[4].node").value("SCHEME_REPLY"))
                .andExpect(jsonPath("$.nodes[4].limit.amount").value(30))
                .andExpect(jsonPath("$.nodes[4].limit.source").value("STATE_GRID_RULE"))
                .andExpect(jsonPath("$.reviewers[2].department").value("DISPATCH"))
                .andExpect(jsonPath("$.checklist.length()").value(7));
        mvc.perform(get("/api/catalogue/nodes").header("Accept-Language", "en").with(httpBasic("clerk", PASSWORD)))
                .andExpect(jsonPath("$.length()").value(12))
                .andExpect(jsonPath("$[1].name").value("Site survey"));
        mvc.perform(get("/api/catalogue/abolished-materials").with(httpBasic("clerk", PASSWORD)))
                .andExpect(jsonPath("$.length()").value(12));
        mvc.perform(get("/api/catalogue/materials").with(httpBasic("clerk", PASSWORD)))
                .andExpect(jsonPath("$[?(@.code == 'ID_CARD')].subjectQualification").value(true));
    }

    @Test
    @DisplayName("R-CAT-1 an unknown type or version is a 404 problem naming it, in the caller's language")
    void unknownTypeIsNotFound() throws Exception {
        asAdmin(get("/api/catalogue/types/NO_SUCH_TYPE"))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
                .andExpect(jsonPath("$.detail").value(containsString("NO_SUCH_TYPE")))
                .andExpect(jsonPath("$.code").value("catalogue.type.not-found"));
        asAdmin(get("/api/catalogue/types/NO_SUCH_TYPE/versions").header("Accept-Language", "en"))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.detail").value("There is no business type NO_SUCH_TYPE"));
        asAdmin(get("/api/catalogue/types/SUSPENSION").param("version", "9999"))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.detail").value(containsString("9999")));
    }

    @Test
    @DisplayName("R-CAT-1 R-SLA-1 changing a limit makes version N+1 current, version N stays as it was, and the edit is audited")
    void limitEditMakesANewVersion() throws Exception {
        BusinessTypeDefinition before = catalogue.current("SUSPENSION");
        int n = before.version();
        int surveyDays = before.limitOf(KeyNode.SITE_SURVEY).orElseThrow().amount();
        asAdmin(json(put("/api/catalogue/types/SUSPENSION/nodes/SITE_SURVEY/limit"),
                limit(n, String.valueOf(surveyDays + 1), "WORKING_DAYS")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.version").value(n + 1))
                .andExpect(jsonPath("$.nodes[1].limit.amount").value(surveyDays + 1));

        assertThat(catalogue.current("SUSPENSION").version()).isEqualTo(n + 1);
        assertThat(catalogue.version("SUSPENSION", n)).isEqualTo(before);
        assertThat(catalogue.history("SUSPENSION").get(0)).satisfies(r -> {
            assertThat(r.version()).isEqualTo(n + 1);
            assertThat(r.changedBy()).isEqualTo("admin");
            assertThat(r.kind()).isEqualTo(ChangeKind.TIME_LIMIT);
            assertThat(r.detail()).isEqualTo("SITE_SURVEY: " + surveyDays + " WORKING_DAYS "
                    + before.limitOf(KeyNode.SITE_SURVEY).orElseThrow().source() + " -> " + (surveyDays + 1)
                    + " WORKING_DAYS COMMON_PRACTICE");
        });
        assertThat(audit.forSubject("business-type", "SUSPENSION"))
                .anySatisfy(e -> {
                    assertThat(e.action()).isEqualTo("catalogue.time-limit-changed");
                    assertThat(e.actor()).isEqualTo("admin");
                    assertThat(e.detail()).startsWith("version " + (n + 1) + ": SITE_SURVEY");
                });
        asAdmin(get("/api/catalogue/types/SUSPENSION/versions"))
                .andExpect(jsonPath("$[0].version").value(n + 1))
                .andExpect(jsonPath("$[0].changedBy").value("admin"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-5", "\"abc\""})
    @DisplayName("R-SLA-1 a limit of 0, -5 or \"abc\" is refused naming the field amount, and nothing is saved")
    void refusesLimitsThatAreNotPositiveWholeNumbers(String amount) throws Exception {
        int n = catalogue.current("SUSPENSION_RESTORE").version();
        asAdmin(json(put("/api/catalogue/types/SUSPENSION_RESTORE/nodes/SITE_SURVEY/limit"), limit(n, amount, "WORKING_DAYS")))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("amount"))
                .andExpect(jsonPath("$.errors[0].message").value(containsString("1 \u81f3 999")));
        asAdmin(json(put("/api/catalogue/types/SUSPENSION_RESTORE/nodes/SITE_SURVEY/limit"), limit(n, amount, "WORKING_DAYS"))
                .header("Accept-Language", "en"))
                .andExpect(jsonPath("$.errors[0].message").value(containsString("whole number from 1 to 999")));
        assertThat(catalogue.current("SUSPENSION_RESTORE").version()).isEqualTo(n);
    }

    @Test
    @DisplayName("R-SLA-1 a unit other than working days or hours is refused naming the field unit")
    void refusesUnknownUnit() throws Exception {
        int n = catalogue.current("SUSPENSION_RESTORE").version();
        asAdmin(json(put("/api/catalogue/types/SUSPENSION_RESTORE/nodes/SITE_SURVEY/limit"), limit(n, "2", "WEEKS"))
                .header("Accept-Language", "en"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("unit"))
                .andExpect(jsonPath("$.errors[0].message").value(containsString("WORKING_HOURS")));
    }

    @Test
    @DisplayName("R-CAT-1 an edit based on a stale version is refused with 409 and a clear message")
    void staleEditIsAConflict() throws Exception {
        int n = catalogue.current("CAPACITY_REDUCTION_RESTORE").version();
        String body = """
                {"baseVersion": %d, "reviewers": [{"department": "MARKETING"}], "reason": "first"}""";
        asAdmin(json(put("/api/catalogue/types/CAPACITY_REDUCTION_RESTORE/reviewers"), body.formatted(n)))
                .andExpect(status().isOk());
        asAdmin(json(put("/api/catalogue/types/CAPACITY_REDUCTION_RESTORE/reviewers"), body.formatted(n))
                .header("Accept-Language", "en"))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value("Business type CAPACITY_REDUCTION_RESTORE was changed meanwhile: "
                        + "your edit is based on version v" + n + ", the current version is v" + (n + 1)
                        + ". Reload the page and make your change on the current version"));
        assertThat(catalogue.current("CAPACITY_REDUCTION_RESTORE").version()).isEqualTo(n + 1);
    }

    @Test
    @DisplayName("R-CAT-1 staff who are not administrators cannot edit: 403")
    void nonAdminCannotEdit() throws Exception {
        int n = catalogue.current("TARIFF_CHANGE").version();
        mvc.perform(json(put("/api/catalogue/types/TARIFF_CHANGE/nodes/SITE_SURVEY/limit"), limit(n, "3", "WORKING_DAYS"))
                        .with(httpBasic("clerk", PASSWORD)))
                .andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"));
        assertThat(catalogue.current("TARIFF_CHANGE").version()).isEqualTo(n);
    }

    @Test
    @DisplayName("R-MAT-2 an abolished material is refused with its reason, naming the field")
    void abolishedMaterialIsRefusedWithItsReason() throws Exception {
        int n = catalogue.current("NAME_TRANSFER").version();
        String body = """
                {"baseVersion": %d, "materialCode": "COMMUNITY_ELECTRICITY_CERTIFICATE"}""".formatted(n);
        asAdmin(json(post("/api/catalogue/types/NAME_TRANSFER/materials"), body))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("materialCode"))
                .andExpect(jsonPath("$.detail").value(containsString("\u793e\u533a\u7528\u7535\u8bc1\u660e")))
                .andExpect(jsonPath("$.detail").value(containsString("\u65e0\u653f\u7b56\u4f9d\u636e")));
        asAdmin(json(post("/api/catalogue/types/NAME_TRANSFER/materials"), body).header("Accept-Language", "en"))
                .andExpect(jsonPath("$.errors[0].message").value("\"Community electricity certificate\" was abolished and "
                        + "may not be put on a checklist: No policy basis: abolished"));
        assertThat(catalogue.current("NAME_TRANSFER").version()).isEqualTo(n);
    }

    @Test
    @DisplayName("R-MAT-1 R-MAT-3 materials are added with a deferral node, re-timed and removed; subject qualifications stay at acceptance")
    void checklistEdits() throws Exception {
        int n = catalogue.current("METER_RELOCATION").version();
        asAdmin(json(post("/api/catalogue/types/METER_RELOCATION/materials"),
                """
                {"baseVersion": %d, "materialCode": "PROPERTY_PROOF", "deferredUntil": "DESIGN_REVIEW"}""".formatted(n)))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("deferredUntil"));
        asAdmin(json(post("/api/catalogue/types/METER_RELOCATION/materials"),
                """
                {"baseVersion": %d, "materialCode": "PROPERTY_PROOF", "deferredUntil": "SITE_SURVEY", "reason": "owner"}""".formatted(n)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.checklist[2].material.code").value("PROPERTY_PROOF"))
                .andExpect(jsonPath("$.checklist[2].deferredUntil").value("SITE_SURVEY"));
        asAdmin(json(put("/api/catalogue/types/METER_RELOCATION/materials/PROPERTY_PROOF"),
                """
                {"baseVersion": %d, "deferredUntil": "METER_INSTALLATION"}""".formatted(n + 1)))
                .andExpect(jsonPath("$.checklist[2].deferredUntil").value("METER_INSTALLATION"));
        asAdmin(json(put("/api/catalogue/types/METER_RELOCATION/materials/SUBJECT_QUALIFICATION"),
                """
                {"baseVersion": %d, "deferredUntil": "SITE_SURVEY"}""".formatted(n + 2)))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("deferredUntil"));
        asAdmin(delete("/api/catalogue/types/METER_RELOCATION/materials/SUBJECT_QUALIFICATION").param("baseVersion", String.valueOf(n + 2)))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.code").value("catalogue.checklist.subject-required"));
        asAdmin(delete("/api/catalogue/types/METER_RELOCATION/materials/PROPERTY_PROOF").param("baseVersion", String.valueOf(n + 2)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.version").value(n + 3))
                .andExpect(jsonPath("$.checklist.length()").value(2));
        assertThat(catalogue.history("METER_RELOCATION")).extracting(Revision::detail).startsWith(
                "- PROPERTY_PROOF", "PROPERTY_PROOF: SITE_SURVEY -> METER_INSTALLATION", "+ PROPERTY_PROOF SITE_SURVEY");
    }

    @Test
    @DisplayName("R-CAT-1 a reviewer edit with an unknown department is refused naming the field; a valid one is kept")
    void reviewerEdits() throws Exception {
        int n = catalogue.current("ACCOUNT_SPLIT_MERGE").version();
        asAdmin(json(put("/api/catalogue/types/ACCOUNT_SPLIT_MERGE/reviewers"),
                """
                {"baseVersion": %d, "reviewers": [{"department": "LEGAL"}]}""".formatted(n)))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("reviewers[0].department"));
        asAdmin(json(put("/api/catalogue/types/ACCOUNT_SPLIT_MERGE/reviewers"),
                """
                {"baseVersion": %d, "reviewers": [{"department": "MARKETING"}, {"department": "OPERATIONS", "onlyAboveKw": "500"}]}""".formatted(n)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.reviewers[0].department").value("OPERATIONS"))
                .andExpect(jsonPath("$.reviewers[0].onlyAboveKw").value(500));
        assertThat(catalogue.current("ACCOUNT_SPLIT_MERGE").reviewersFor(100)).containsExactly(Department.MARKETING);
    }
}
