package org.yekuo.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.yekuo.document.SiteSurveyPhotos.PASSWORD;
import static org.yekuo.document.SiteSurveyPhotos.addPhoto;
import static org.yekuo.document.SiteSurveyPhotos.orderAtSiteSurvey;

import java.util.UUID;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.yekuo.audit.AuditEntry;
import org.yekuo.audit.AuditTrail;
import org.yekuo.support.SampleFiles;

import com.jayway.jsonpath.JsonPath;

/**
 * The field survey on the phone (R-COL-1) through the API and the pages, on PostgreSQL: measured figures with units and
 * ranges, marks drawn over a photo as vector data over the unchanged original, and sends that a phone may repeat.
 */
@SpringBootTest
@AutoConfigureMockMvc
class SurveyOnThePhoneTests {

    private static final String SURVEY = """
            {"fields":{"meterPosition":"东墙外表箱","supplyPoint":"3号公变 0.4kV 出线","distanceMetres":"35.5","distanceMetres.unit":"m",
            "lineRouteLength":"0.12 km","siteTransformerCapacity":"400","siteTransformerCapacity.unit":"kVA",
            "cableCrossSection":"35 mm²","surveyOpinion":"具备接入条件"}}""";
    private static final String ARROW_AND_LABEL = """
            {"marks":[{"kind":"ARROW","points":[{"x":40,"y":200},{"x":150.04,"y":90}]},
            {"kind":"LABEL","points":[{"x":160,"y":80}],"text":"表箱"},
            {"kind":"ROUTE","points":[{"x":0,"y":230},{"x":100,"y":180},{"x":300,"y":170}]}]}""";

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    AuditTrail audit;

    @Test
    @DisplayName("R-COL-1 a measurement out of range or without its unit is refused naming the field, the value and the allowed "
            + "range, and nothing of the survey is saved; the figures sent right are kept in their base units for the designer")
    void measurementsNeedTheirUnitAndRange() throws Exception {
        long id = orderAtSiteSurvey(mvc);
        String survey = signFor(id, "SITE_SURVEY", "surveyor");

        complete(survey, """
                {"fields":{"meterPosition":"东墙外表箱","supplyPoint":"3号公变","distanceMetres":"12","distanceMetres.unit":"km",
                "lineRouteLength":"120","surveyOpinion":"具备接入条件"}}""", null)
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[*].field").value(Matchers.containsInAnyOrder("distanceMetres", "lineRouteLength")))
                .andExpect(jsonPath("$.errors[?(@.field == 'distanceMetres')].message")
                        .value(Matchers.hasItem(Matchers.allOf(Matchers.containsString("接入距离"), Matchers.containsString("12 km"),
                                Matchers.containsString("0.1–10000 m")))))
                .andExpect(jsonPath("$.errors[?(@.field == 'lineRouteLength')].message")
                        .value(Matchers.hasItem(Matchers.allOf(Matchers.containsString("线路路径长度"), Matchers.containsString("120"),
                                Matchers.containsString("缺少单位"), Matchers.containsString("m / km")))));
        assertThat(recordedSurvey(id)).isZero();
        assertThat(openNode(id)).isEqualTo("SITE_SURVEY");

        complete(survey, SURVEY, null).andExpect(status().isNoContent());
        assertThat(jdbc.sql("select field_name || '=' || field_text from application_node_field where application_id = ? and node_code = 'SITE_SURVEY'")
                .param(id).query(String.class).list())
                .contains("distanceMetres=35.5", "lineRouteLength=120", "siteTransformerCapacity=400", "cableCrossSection=35");

        String design = signFor(id, "SCHEME_DESIGN", "designer");
        mvc.perform(get("/tasks/{t}", design).with(httpBasic("designer", PASSWORD)))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("120 m")))
                .andExpect(content().string(Matchers.containsString("400 kVA")))
                .andExpect(content().string(Matchers.containsString("35 mm²")));
    }

    @Test
    @DisplayName("R-COL-1 a survey sent again with the same Idempotency-Key after its answer was lost is answered as the first, "
            + "without completing anything twice; the key cannot complete another node")
    void repeatedSurveyWithTheSameKeyAnswersAsTheFirst() throws Exception {
        long id = orderAtSiteSurvey(mvc);
        String survey = signFor(id, "SITE_SURVEY", "surveyor");
        String key = UUID.randomUUID().toString();

        complete(survey, SURVEY, key).andExpect(status().isNoContent());
        complete(survey, SURVEY, key).andExpect(status().isNoContent());
        assertThat(audit.forSubject("application", orderNo(id)).stream().filter(e -> e.action().equals("node.completed")
                && e.detail().contains("SITE_SURVEY"))).hasSize(1);
        // Without the key the repeat is what it is: a node already done.
        complete(survey, SURVEY, null).andExpect(status().is4xxClientError());

        long other = orderAtSiteSurvey(mvc);
        String otherSurvey = signFor(other, "SITE_SURVEY", "surveyor");
        complete(otherSurvey, SURVEY, key).andExpect(status().isConflict());
        assertThat(openNode(other)).isEqualTo("SITE_SURVEY");
    }

    @Test
    @DisplayName("R-COL-1 the surveyor draws an arrow, a label and the line route over their photo; the marks are kept as vector "
            + "data over the unchanged original and the designer sees them laid over the photo beside the survey's figures")
    void surveyorMarksThePhotoAndTheDesignerSeesTheMarks() throws Exception {
        long id = orderAtSiteSurvey(mvc);
        String survey = signFor(id, "SITE_SURVEY", "surveyor");
        String added = addPhoto(mvc, survey, "surveyor", SampleFiles.JPEG, "METER_POSITION", "表箱在东墙")
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.width").value(320))
                .andExpect(jsonPath("$.height").value(240))
                .andReturn().getResponse().getContentAsString();
        long photo = ((Number) JsonPath.read(added, "$.id")).longValue();
        String digest = JsonPath.read(added, "$.digest");
        String key = UUID.randomUUID().toString();

        mark(photo, "surveyor", ARROW_AND_LABEL, key)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.version").value(1))
                .andExpect(jsonPath("$.width").value(320))
                .andExpect(jsonPath("$.marks[*].kind").value(Matchers.contains("ARROW", "LABEL", "ROUTE")))
                .andExpect(jsonPath("$.marks[0].points[1].x").value(150.0))
                .andExpect(jsonPath("$.marks[1].text").value("表箱"))
                .andExpect(jsonPath("$.markedByName").value("李勘查"));
        // The phone sent it again: the same version answers, none is added.
        mark(photo, "surveyor", ARROW_AND_LABEL, key).andExpect(status().isOk()).andExpect(jsonPath("$.version").value(1));
        assertThat(jdbc.sql("select count(*) from photo_marking where photo_id = ?").param(photo).query(Long.class).single()).isEqualTo(1);
        assertThat(audit.forSubject("application", orderNo(id))).extracting(AuditEntry::action).containsOnlyOnce("photo.marked");
        // The original is untouched: the archive still holds the bytes taken.
        assertThat(jdbc.sql("select digest from node_photo where id = ?").param(photo).query(String.class).single()).isEqualTo(digest);

        complete(survey, SURVEY, null).andExpect(status().isNoContent());
        String design = signFor(id, "SCHEME_DESIGN", "designer");
        mvc.perform(get("/api/photos/{p}/marks", photo).with(httpBasic("designer", PASSWORD)))
                .andExpect(status().isOk()).andExpect(jsonPath("$.marks.length()").value(3));
        mvc.perform(get("/tasks/{t}", design).with(httpBasic("designer", PASSWORD)))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("viewBox=\"0 0 320 240\"")))
                .andExpect(content().string(Matchers.containsString("data-mark=\"ARROW\"")))
                .andExpect(content().string(Matchers.containsString("marker-end=\"url(#arrowhead-" + photo + ")\"")))
                .andExpect(content().string(Matchers.containsString("points=\"0.0,230.0 100.0,180.0 300.0,170.0\"")))
                .andExpect(content().string(Matchers.containsString(">表箱</text>")))
                .andExpect(content().string(Matchers.containsString("35.5 m")))
                .andExpect(content().string(Matchers.containsString("李勘查 · ")));
        mvc.perform(get("/photos/{p}", photo).with(httpBasic("designer", PASSWORD)))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("data-may-mark=\"false\"")));

        // The designer neither took it nor works its node: they see the marks but cannot change them.
        mark(photo, "designer", "{\"marks\":[]}", null).andExpect(status().isForbidden());
        mvc.perform(get("/api/photos/{p}/marks", photo).with(httpBasic("clerk.west", PASSWORD))).andExpect(status().isNotFound());
        mark(photo, "clerk.west", "{\"marks\":[]}", null).andExpect(status().isNotFound());
        // Its author still can: an empty list clears the marks in a new version.
        mark(photo, "surveyor", "{\"marks\":[]}", null).andExpect(status().isOk()).andExpect(jsonPath("$.version").value(2))
                .andExpect(jsonPath("$.marks.length()").value(0));
    }

    @Test
    @DisplayName("R-COL-1 marks of an unknown kind, with too few points, outside the photo or with an empty or too long label are "
            + "refused, each named by its place, and nothing is saved")
    void refusesMarksThatDoNotFitThePhoto() throws Exception {
        long id = orderAtSiteSurvey(mvc);
        String survey = signFor(id, "SITE_SURVEY", "surveyor");
        long photo = ((Number) JsonPath.read(addPhoto(mvc, survey, "surveyor", SampleFiles.JPEG, "SITE", "现场")
                .andReturn().getResponse().getContentAsString(), "$.id")).longValue();

        mark(photo, "surveyor", """
                {"marks":[{"kind":"CIRCLE","points":[{"x":1,"y":1}]},
                {"kind":"ARROW","points":[{"x":1,"y":1}]},
                {"kind":"LINE","points":[{"x":10,"y":10},{"x":321,"y":10}]},
                {"kind":"LABEL","points":[{"x":10,"y":10}],"text":"  "},
                {"kind":"LABEL","points":[{"x":10,"y":10}],"text":"%s"},
                {"kind":"ARROW","points":[{"x":5,"y":5},{"x":5,"y":5}]},
                {"kind":"LINE","points":[{"x":0,"y":0},{"x":320,"y":240}]}]}""".formatted("长".repeat(41)), null)
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[*].field").value(Matchers.contains("marks[0].kind", "marks[1].points", "marks[2].points",
                        "marks[3].text", "marks[4].text", "marks[5].points")))
                .andExpect(jsonPath("$.errors[0].message").value(Matchers.containsString("CIRCLE")))
                .andExpect(jsonPath("$.errors[2].message").value(Matchers.allOf(Matchers.containsString("321"),
                        Matchers.containsString("320 × 240"))))
                .andExpect(jsonPath("$.errors[4].message").value(Matchers.containsString("40")));
        mark(photo, "surveyor", "{}", null).andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("marks"));
        assertThat(jdbc.sql("select count(*) from photo_marking where photo_id = ?").param(photo).query(Long.class).single()).isZero();
    }

    @Test
    @DisplayName("R-COL-1 with no photo that shows the way, the surveyor starts a blank route sketch and marks the line route on it")
    void lineRouteIsMarkedOnABlankSketch() throws Exception {
        long id = orderAtSiteSurvey(mvc);
        String survey = signFor(id, "SITE_SURVEY", "surveyor");
        mvc.perform(get("/tasks/{t}", survey).with(httpBasic("surveyor", PASSWORD)))
                .andExpect(content().string(Matchers.containsString("id=\"sketch-form\"")));

        String location = mvc.perform(post("/tasks/{t}/sketches", survey).param("annotation", "沿人民路北侧架空至表箱")
                        .with(csrf()).with(httpBasic("surveyor", PASSWORD)))
                .andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
        long sketch = Long.parseLong(location.replace("/photos/", ""));
        mvc.perform(get("/api/applications/{id}/photos", id).with(httpBasic("surveyor", PASSWORD)))
                .andExpect(jsonPath("$[0].kind").value("ROUTE_SKETCH"))
                .andExpect(jsonPath("$[0].contentType").value("image/png"))
                .andExpect(jsonPath("$[0].width").value(1200))
                .andExpect(jsonPath("$[0].height").value(900));
        mvc.perform(get(location).with(httpBasic("surveyor", PASSWORD)))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("data-may-mark=\"true\"")))
                .andExpect(content().string(Matchers.containsString("沿人民路北侧架空至表箱")));
        mark(sketch, "surveyor", """
                {"marks":[{"kind":"ROUTE","points":[{"x":100,"y":800},{"x":600,"y":780},{"x":1100,"y":200}]},
                {"kind":"LABEL","points":[{"x":1000,"y":180}],"text":"表箱"}]}""", null)
                .andExpect(status().isOk()).andExpect(jsonPath("$.marks[0].points.length()").value(3));

        // A sketch needs its note, like any photo; nothing is added without one.
        mvc.perform(post("/tasks/{t}/sketches", survey).param("annotation", " ").with(csrf()).with(httpBasic("surveyor", PASSWORD)))
                .andExpect(status().is3xxRedirection())
                .andExpect(result -> assertThat(result.getResponse().getRedirectedUrl()).isEqualTo("/tasks/" + survey));
        assertThat(jdbc.sql("select count(*) from node_photo where application_id = ?").param(id).query(Long.class).single()).isEqualTo(1);
    }

    private ResultActions mark(long photo, String user, String body, String key) throws Exception {
        var request = put("/api/photos/{p}/marks", photo).with(httpBasic(user, PASSWORD)).contentType(MediaType.APPLICATION_JSON)
                .content(body);
        return mvc.perform(key == null ? request : request.header("Idempotency-Key", key));
    }

    private ResultActions complete(String taskId, String body, String key) throws Exception {
        var request = post("/api/tasks/{t}/complete", taskId).with(httpBasic("surveyor", PASSWORD))
                .contentType(MediaType.APPLICATION_JSON).content(body);
        return mvc.perform(key == null ? request : request.header("Idempotency-Key", key));
    }

    private String signFor(long id, String node, String user) throws Exception {
        String order = mvc.perform(get("/api/applications/{id}", id).with(httpBasic(user, PASSWORD)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat((String) JsonPath.read(order, "$.openItems[0].nodeCode")).isEqualTo(node);
        String task = JsonPath.read(order, "$.openItems[0].taskId");
        mvc.perform(post("/api/tasks/{t}/sign-for", task).with(httpBasic(user, PASSWORD))).andExpect(status().isOk());
        return task;
    }

    private String openNode(long id) throws Exception {
        return JsonPath.read(mvc.perform(get("/api/applications/{id}", id).with(httpBasic("clerk", PASSWORD)))
                .andReturn().getResponse().getContentAsString(), "$.openItems[0].nodeCode");
    }

    private String orderNo(long id) throws Exception {
        return JsonPath.read(mvc.perform(get("/api/applications/{id}", id).with(httpBasic("clerk", PASSWORD)))
                .andReturn().getResponse().getContentAsString(), "$.orderNo");
    }

    private long recordedSurvey(long id) {
        return jdbc.sql("select count(*) from application_node_field where application_id = ? and node_code = 'SITE_SURVEY'").param(id)
                .query(Long.class).single();
    }
}
