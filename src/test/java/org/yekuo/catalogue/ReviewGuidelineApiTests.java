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

import java.util.stream.IntStream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.yekuo.audit.AuditTrail;

/**
 * The review guidelines over HTTP. The suite shares one database, so every edit is made on whatever
 * version is current, and items are added under clause numbers no version has used yet.
 */
@SpringBootTest
@AutoConfigureMockMvc
class ReviewGuidelineApiTests {

    private static final String PASSWORD = "Yekuo@2026";

    @Autowired
    MockMvc mvc;

    @Autowired
    ReviewGuidelines guidelines;

    @Autowired
    AuditTrail audit;

    private ResultActions asAdmin(MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request.with(httpBasic("admin", PASSWORD)));
    }

    private static MockHttpServletRequestBuilder json(MockHttpServletRequestBuilder request, String body) {
        return request.contentType(MediaType.APPLICATION_JSON).content(body);
    }

    private static String itemEdit(int baseVersion, String textZh, String textEn, String department) {
        return """
                {"baseVersion": %d, "textZh": "%s", "textEn": "%s", "department": "%s", "reason": "tested"}"""
                .formatted(baseVersion, textZh, textEn, department);
    }

    private static String addition(int baseVersion, String clauseNo, String department) {
        return """
                {"baseVersion": %d, "clauseNo": "%s", "textZh": "\\u6d4b\\u8bd5\\u5ba1\\u67e5\\u8981\\u70b9", "textEn": "Tested item", "department": "%s"}"""
                .formatted(baseVersion, clauseNo, department);
    }

    /** One more than the highest clause number any version of the guideline has used. */
    private String nextFreeClause(String code) {
        int current = guidelines.current(code).version();
        int highest = IntStream.rangeClosed(1, current).boxed()
                .flatMap(v -> guidelines.version(code, v).items().stream())
                .mapToInt(i -> Integer.parseInt(i.clauseNo().substring(code.length() + 1)))
                .max().orElse(0);
        return code + "-" + (highest + 1);
    }

    @Test
    @DisplayName("R-REV-2 any member of staff lists the guidelines and reads one, current or a given version")
    void staffReadTheGuidelines() throws Exception {
        mvc.perform(get("/api/catalogue/guidelines").with(httpBasic("marketing", PASSWORD)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.length()").value(2))
                .andExpect(jsonPath("$[0].code").value("LV"))
                .andExpect(jsonPath("$[1].code").value("HV"));
        mvc.perform(get("/api/catalogue/guidelines/HV").param("version", "1").with(httpBasic("ops", PASSWORD)))
                .andExpect(jsonPath("$.version").value(1))
                .andExpect(jsonPath("$.items.length()").value(23))
                .andExpect(jsonPath("$.items[7].clauseNo").value("HV-8"))
                .andExpect(jsonPath("$.items[7].department").value("DISPATCH"))
                .andExpect(jsonPath("$.items[7].textEn").value("Automation and telecontrol"));
        mvc.perform(get("/api/catalogue/guidelines/LV").with(httpBasic("clerk", PASSWORD)))
                .andExpect(jsonPath("$.version").value(guidelines.current("LV").version()));
        mvc.perform(get("/api/catalogue/guidelines/LV/versions").with(httpBasic("clerk", PASSWORD)))
                .andExpect(jsonPath("$[-1:].version").value(1))
                .andExpect(jsonPath("$[-1:].kind").value("SEEDED"));
    }

    @Test
    @DisplayName("R-REV-2 an unknown guideline or version is a 404 problem naming it, in the caller's language")
    void unknownGuidelineIsNotFound() throws Exception {
        asAdmin(get("/api/catalogue/guidelines/MV").header("Accept-Language", "en"))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
                .andExpect(jsonPath("$.detail").value("There is no review guideline MV: use LV or HV"));
        asAdmin(get("/api/catalogue/guidelines/HV").param("version", "9999"))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.code").value("catalogue.guideline.version-not-found"));
    }

    @Test
    @DisplayName("R-REV-2 R-REV-3 changing an item makes version N+1 current, N stays readable, clauses resolve per version, and the edit is audited")
    void itemEditMakesANewVersion() throws Exception {
        ReviewGuideline before = guidelines.current("HV");
        int n = before.version();
        GuidelineItem routing = before.item("HV-14").orElseThrow();
        String newText = "Cable or line routing, tested in v" + (n + 1);
        asAdmin(json(put("/api/catalogue/guidelines/HV/items/HV-14"),
                itemEdit(n, routing.textZh(), newText, "OPERATIONS")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.version").value(n + 1))
                .andExpect(jsonPath("$.items[13].clauseNo").value("HV-14"))
                .andExpect(jsonPath("$.items[13].textEn").value(newText));

        assertThat(guidelines.current("HV").version()).isEqualTo(n + 1);
        assertThat(guidelines.version("HV", n)).isEqualTo(before);
        assertThat(guidelines.clause("HV", n, "HV-14")).contains(routing);
        assertThat(guidelines.clause("HV", n + 1, "HV-14")).hasValueSatisfying(i -> assertThat(i.textEn()).isEqualTo(newText));
        GuidelineRevision revision = guidelines.history("HV").get(0);
        assertThat(revision).satisfies(r -> {
            assertThat(r.version()).isEqualTo(n + 1);
            assertThat(r.changedBy()).isEqualTo("admin");
            assertThat(r.kind()).isEqualTo(GuidelineChange.ITEM_CHANGED);
            assertThat(r.detail()).isEqualTo("HV-14: textEn");
            assertThat(r.note()).isEqualTo("tested");
        });
        // A scheme submitted just before the edit is reviewed against version N.
        assertThat(guidelines.inForceAt("HV", revision.changedAt().minusMillis(1)).version()).isEqualTo(n);
        assertThat(guidelines.inForceAt("HV", revision.changedAt()).version()).isEqualTo(n + 1);
        assertThat(audit.forSubject("review-guideline", "HV")).anySatisfy(e -> {
            assertThat(e.action()).isEqualTo("catalogue.guideline-item-changed");
            assertThat(e.actor()).isEqualTo("admin");
            assertThat(e.detail()).isEqualTo("version " + (n + 1) + ": HV-14: textEn");
        });
    }

    @Test
    @DisplayName("R-REV-2 moving an item to another department changes which department reviews it from the next version on")
    void departmentEditMovesTheItem() throws Exception {
        ReviewGuideline before = guidelines.current("LV");
        GuidelineItem item = before.item("LV-4").orElseThrow();
        Department other = item.department() == Department.OPERATIONS ? Department.MARKETING : Department.OPERATIONS;
        asAdmin(json(put("/api/catalogue/guidelines/LV/items/LV-4"),
                itemEdit(before.version(), item.textZh(), item.textEn(), other.name())))
                .andExpect(status().isOk());
        ReviewGuideline after = guidelines.current("LV");
        assertThat(after.itemsOf(other)).extracting(GuidelineItem::clauseNo).contains("LV-4");
        assertThat(after.itemsOf(item.department())).extracting(GuidelineItem::clauseNo).doesNotContain("LV-4");
        assertThat(guidelines.history("LV").get(0).detail())
                .isEqualTo("LV-4: department " + item.department() + " -> " + other);
        // Put it back where the defaults have it, as a further version.
        asAdmin(json(put("/api/catalogue/guidelines/LV/items/LV-4"),
                itemEdit(after.version(), item.textZh(), item.textEn(), item.department().name())))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.version").value(after.version() + 1));
    }

    @Test
    @DisplayName("R-REV-2 an added item gets its clause number; a retired one leaves the next version but its number is never reused")
    void addAndRetireAnItem() throws Exception {
        String clause = nextFreeClause("HV");
        int n = guidelines.current("HV").version();
        asAdmin(json(post("/api/catalogue/guidelines/HV/items"), addition(n, clause, "DISPATCH")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.version").value(n + 1))
                .andExpect(jsonPath("$.items[-1:].clauseNo").value(clause));
        assertThat(guidelines.clause("HV", n + 1, clause)).hasValueSatisfying(i -> {
            assertThat(i.department()).isEqualTo(Department.DISPATCH);
            assertThat(i.textEn()).isEqualTo("Tested item");
        });
        assertThat(guidelines.clause("HV", n, clause)).isEmpty();

        asAdmin(delete("/api/catalogue/guidelines/HV/items/" + clause).param("baseVersion", String.valueOf(n + 1))
                .param("reason", "no longer checked"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.version").value(n + 2));
        assertThat(guidelines.clause("HV", n + 2, clause)).isEmpty();
        assertThat(guidelines.clause("HV", n + 1, clause)).isPresent();
        assertThat(guidelines.history("HV").get(0)).satisfies(r -> {
            assertThat(r.kind()).isEqualTo(GuidelineChange.ITEM_RETIRED);
            assertThat(r.detail()).isEqualTo("- " + clause + " DISPATCH");
            assertThat(r.note()).isEqualTo("no longer checked");
        });
        assertThat(audit.forSubject("review-guideline", "HV")).extracting(e -> e.action())
                .contains("catalogue.guideline-item-added", "catalogue.guideline-item-retired");

        String next = clause.substring(0, 3) + (Integer.parseInt(clause.substring(3)) + 1);
        asAdmin(json(post("/api/catalogue/guidelines/HV/items"), addition(n + 2, clause, "OPERATIONS"))
                .header("Accept-Language", "en"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("clauseNo"))
                .andExpect(jsonPath("$.errors[0].message").value("Clause " + clause + " belonged to a retired item and "
                        + "is never given to another item: give the next free number, " + next));
        assertThat(guidelines.current("HV").version()).isEqualTo(n + 2);
    }

    @Test
    @DisplayName("R-REV-2 a duplicate clause, an empty text or an unknown department is refused with 422 naming the field, and nothing is saved")
    void refusesBadInputNamingTheField() throws Exception {
        int n = guidelines.current("LV").version();
        asAdmin(json(post("/api/catalogue/guidelines/LV/items"), addition(n, "LV-3", "MARKETING")))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("clauseNo"))
                .andExpect(jsonPath("$.errors[0].message").value(containsString("\u6761\u6b3e\u53f7\u4e0d\u5f97\u91cd\u590d")));
        asAdmin(json(put("/api/catalogue/guidelines/LV/items/LV-2"), itemEdit(n, " ", "Connection point", "OPERATIONS"))
                .header("Accept-Language", "en"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("textZh"))
                .andExpect(jsonPath("$.errors[0].message").value("The text is required: give 1 to 200 characters"));
        asAdmin(json(put("/api/catalogue/guidelines/LV/items/LV-2"), itemEdit(n, "zh", "Connection point", "LEGAL"))
                .header("Accept-Language", "en"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("department"))
                .andExpect(jsonPath("$.errors[0].message").value(containsString("OPERATIONS, MARKETING or DISPATCH")));
        asAdmin(json(put("/api/catalogue/guidelines/LV/items/LV-2"), """
                {"textZh": "zh", "textEn": "en", "department": "OPERATIONS"}"""))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("baseVersion"));
        assertThat(guidelines.current("LV").version()).isEqualTo(n);
    }

    @Test
    @DisplayName("R-REV-2 an edit based on a stale version is refused with 409 and a clear message")
    void staleEditIsAConflict() throws Exception {
        ReviewGuideline current = guidelines.current("HV");
        int n = current.version();
        GuidelineItem earthing = current.item("HV-16").orElseThrow();
        asAdmin(json(put("/api/catalogue/guidelines/HV/items/HV-16"),
                itemEdit(n, earthing.textZh(), "Earthing, v" + (n + 1), "OPERATIONS")))
                .andExpect(status().isOk());
        asAdmin(json(put("/api/catalogue/guidelines/HV/items/HV-16"),
                itemEdit(n, earthing.textZh(), "Earthing, again", "OPERATIONS")).header("Accept-Language", "en"))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value("Review guideline HV was changed meanwhile: your edit is based on "
                        + "version v" + n + ", the current version is v" + (n + 1)
                        + ". Reload the page and make your change on the current version"));
        assertThat(guidelines.current("HV").version()).isEqualTo(n + 1);
    }

    @Test
    @DisplayName("R-REV-2 reviewers and other staff who are not administrators cannot edit: 403")
    void nonAdminCannotEdit() throws Exception {
        int n = guidelines.current("HV").version();
        mvc.perform(json(put("/api/catalogue/guidelines/HV/items/HV-9"), itemEdit(n, "zh", "en", "MARKETING"))
                        .with(httpBasic("marketing", PASSWORD)))
                .andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"));
        mvc.perform(delete("/api/catalogue/guidelines/HV/items/HV-9").param("baseVersion", String.valueOf(n))
                        .with(httpBasic("clerk", PASSWORD)))
                .andExpect(status().isForbidden());
        assertThat(guidelines.current("HV").version()).isEqualTo(n);
    }
}
