package org.yekuo.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.Map;
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
import org.springframework.test.web.servlet.ResultActions;
import org.yekuo.support.LvSchemeCheck;
import org.yekuo.support.SampleFiles;
import org.yekuo.support.Subjects;

import com.jayway.jsonpath.JsonPath;

/**
 * The scheme is a document (R-REV-3, R-DOC-1): its designer attaches drawings as PDFs, each kind in versions,
 * and the reviewers read the current drawings and the structured scheme beside the guideline clauses they cite.
 */
@SpringBootTest
@AutoConfigureMockMvc
class SchemeDrawingsTests {

    private static final String PASSWORD = "Yekuo@2026";
    /** What the nodes before the review record, as the order's lifecycle test records them. */
    private static final Map<String, Map<String, String>> FIELDS = Map.of(
            "ACCEPTANCE", Map.of(),
            "SITE_SURVEY", Map.of("meterPosition", "东墙外表箱", "supplyPoint", "3号公变", "distanceMetres", "35.5",
                    "surveyOpinion", "具备接入条件"),
            "SCHEME_DESIGN", LvSchemeCheck.passed(Map.of("supplyVoltage", "220V", "supplyPoint", "3号公变", "meteringMethod", "LV_LV",
                    "tariffCategory", "RESIDENTIAL", "schemeSummary", "单相表计接入")));

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Test
    @DisplayName("R-REV-3 R-DOC-1 the designer attaches the scheme's drawings as PDFs, a kind again as its next version; a photo, "
            + "an unknown kind, someone else's design or a later node are refused with nothing saved; the review desk shows the "
            + "current drawings and the structured scheme beside the guideline clauses")
    void reviewersSeeTheDrawingsBesideTheirClauses() throws Exception {
        long id = hvOrderAtSchemeDesign();
        String design = openTask(id, "designer");
        mvc.perform(post("/api/tasks/{t}/sign-for", design).with(httpBasic("designer", PASSWORD))).andExpect(status().isOk());

        drawing(design, "designer", "SINGLE_LINE", "一次系统图.jpg", SampleFiles.JPEG).andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("file"))
                .andExpect(jsonPath("$.errors[0].message").value(Matchers.containsString("PDF")));
        drawing(design, "designer", "ELEVATION", "一次系统图.pdf", SampleFiles.PDF).andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("kind"));
        drawing(design, "surveyor", "SINGLE_LINE", "一次系统图.pdf", SampleFiles.PDF).andExpect(status().isForbidden());
        assertThat(drawingRows(id)).isZero();

        drawing(design, "designer", "SINGLE_LINE", "一次系统图.pdf", SampleFiles.pdf("single line v1"))
                .andExpect(status().isCreated()).andExpect(jsonPath("$.kind").value("SCHEME_DRAWING"))
                .andExpect(jsonPath("$.version").value(1));
        String second = drawing(design, "designer", "SINGLE_LINE", "一次系统图-修改.pdf", SampleFiles.pdf("single line v2"))
                .andExpect(status().isCreated()).andExpect(jsonPath("$.version").value(2))
                .andReturn().getResponse().getContentAsString();
        long current = ((Number) JsonPath.read(second, "$.id")).longValue();
        drawing(design, "designer", "METERING", "计量接线图.pdf", SampleFiles.pdf("metering")).andExpect(status().isCreated());
        mvc.perform(get("/api/applications/{id}/drawings", id).with(httpBasic("clerk", PASSWORD)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[*].subject").value(Matchers.contains("SINGLE_LINE", "METERING")))
                .andExpect(jsonPath("$[0].version").value(2));
        mvc.perform(get("/tasks/{t}", design).with(httpBasic("designer", PASSWORD)))
                .andExpect(content().string(Matchers.containsString("id=\"drawing-form\"")))
                .andExpect(content().string(Matchers.containsString("一次系统图-修改.pdf")));

        complete(design, "designer", "SCHEME_DESIGN");
        String order = mvc.perform(get("/api/applications/{id}", id).with(httpBasic("ops", PASSWORD)))
                .andReturn().getResponse().getContentAsString();
        String review = JsonPath.<List<String>>read(order, "$.openItems[?('REVIEWER_OPERATIONS' in @.roles)].taskId").get(0);
        drawing(review, "ops", "OTHER", "补充.pdf", SampleFiles.PDF).andExpect(status().isConflict());
        assertThat(drawingRows(id)).isEqualTo(3);

        String desk = mvc.perform(get("/reviews/tasks/{t}", review).with(httpBasic("ops", PASSWORD)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        String papers = desk.substring(desk.indexOf("class=\"review-papers\""), desk.indexOf("class=\"review-clauses\""));
        String clauses = desk.substring(desk.indexOf("class=\"review-clauses\""));
        assertThat(papers).contains("data-drawing=\"SINGLE_LINE\"").contains("data-drawing=\"METERING\"").contains("一次系统接线图")
                .contains("/documents/" + current + "/content").contains("data-recorded=\"SCHEME_DESIGN\"");
        assertThat(clauses).contains("data-testid=\"guideline-items\"");
        mvc.perform(get("/orders/{id}", id).with(httpBasic("clerk", PASSWORD)))
                .andExpect(content().string(Matchers.containsString("方案图纸")))
                .andExpect(content().string(Matchers.containsString("计量装置接线图")));
    }

    private long hvOrderAtSchemeDesign() throws Exception {
        String body = """
                {"typeCode":"HV_NEW_SINGLE","applicantKind":"ORGANISATION","applicantName":"示范图纸有限公司","subjectCode":"%s",
                 "phone":"%s","supplyAddress":"示范市城东区人民路 102 号","capacity":8,"capacityUnit":"KW","agent":false}"""
                .formatted(Subjects.creditCode(), Subjects.phone());
        String created = mvc.perform(post("/api/applications").with(httpBasic("clerk", PASSWORD))
                        .header("Idempotency-Key", UUID.randomUUID().toString()).contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        long id = ((Number) JsonPath.read(created, "$.id")).longValue();
        for (String material : List.of("LEGAL_REPRESENTATIVE_ID", "PROPERTY_OR_LAND_USE_PROOF", "EQUIPMENT_LIST", "LOAD_CALCULATION")) {
            mvc.perform(multipart("/api/applications/{id}/materials/{m}", id, material)
                    .file(new MockMultipartFile("file", material + ".pdf", "application/pdf", SampleFiles.PDF))
                    .with(httpBasic("clerk", PASSWORD))).andExpect(status().isOk());
        }
        for (String[] node : new String[][] {{"ACCEPTANCE", "clerk"}, {"SITE_SURVEY", "surveyor"}}) {
            String task = openTask(id, node[1]);
            mvc.perform(post("/api/tasks/{t}/sign-for", task).with(httpBasic(node[1], PASSWORD))).andExpect(status().isOk());
            complete(task, node[1], node[0]);
        }
        return id;
    }

    private String openTask(long id, String user) throws Exception {
        String order = mvc.perform(get("/api/applications/{id}", id).with(httpBasic(user, PASSWORD)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        return JsonPath.read(order, "$.openItems[0].taskId");
    }

    private void complete(String taskId, String user, String node) throws Exception {
        StringBuilder json = new StringBuilder("{\"fields\":{");
        FIELDS.get(node).forEach((k, v) -> json.append(json.charAt(json.length() - 1) == '{' ? "" : ",")
                .append('"').append(k).append("\":\"").append(v).append('"'));
        json.append("}}");
        mvc.perform(post("/api/tasks/{t}/complete", taskId).with(httpBasic(user, PASSWORD))
                .contentType(MediaType.APPLICATION_JSON).content(json.toString())).andExpect(status().isNoContent());
    }

    private ResultActions drawing(String taskId, String user, String kind, String name, byte[] bytes) throws Exception {
        return mvc.perform(multipart("/api/tasks/{t}/drawings", taskId)
                .file(new MockMultipartFile("file", name, "application/pdf", bytes)).param("kind", kind)
                .with(httpBasic(user, PASSWORD)));
    }

    private long drawingRows(long orderId) {
        return jdbc.sql("select count(*) from document where order_id = ? and kind = 'SCHEME_DRAWING'").param(orderId)
                .query(Long.class).single();
    }
}
