package org.yekuo.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.yekuo.document.SiteSurveyPhotos.PASSWORD;
import static org.yekuo.document.SiteSurveyPhotos.addPhoto;
import static org.yekuo.document.SiteSurveyPhotos.orderAtSiteSurvey;

import java.nio.charset.StandardCharsets;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.yekuo.audit.AuditEntry;
import org.yekuo.audit.AuditTrail;
import org.yekuo.support.SampleFiles;

import com.jayway.jsonpath.JsonPath;

/** Photos the surveyor takes on site, seen by everyone who may see the order (R-COL-1), on PostgreSQL. */
@SpringBootTest
@AutoConfigureMockMvc
class FieldPhotoTests {

    private static final byte[] JPEG = SampleFiles.JPEG;
    private static final byte[] EXECUTABLE = "MZ\u0090\u0000 this program cannot be run in DOS mode".getBytes(StandardCharsets.ISO_8859_1);

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    AuditTrail audit;

    @Test
    @DisplayName("R-COL-1 the surveyor who signed for the site survey adds an annotated meter photo; the designer sees it "
            + "on the order and fetches the same bytes; another station does not find it")
    void surveyorAddsPhotoThatTheDesignerSees() throws Exception {
        long id = orderAtSiteSurvey(mvc);
        String survey = openTask(id);
        String orderNo = JsonPath.read(order(id, "clerk"), "$.orderNo");

        // Nobody has signed for the node yet: no photo.
        addPhoto(mvc, survey, "surveyor", JPEG, "METER_POSITION", "表箱在东墙").andExpect(status().isConflict());
        mvc.perform(post("/api/tasks/{t}/sign-for", survey).with(httpBasic("surveyor", PASSWORD))).andExpect(status().isOk());
        // Someone else in scope has not signed for it.
        addPhoto(mvc, survey, "designer", JPEG, "METER_POSITION", "表箱在东墙").andExpect(status().isForbidden());

        String added = addPhoto(mvc, survey, "surveyor", JPEG, "METER_POSITION", "  表箱在东墙外侧  ")
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.kind").value("METER_POSITION"))
                .andExpect(jsonPath("$.annotation").value("表箱在东墙外侧"))
                .andExpect(jsonPath("$.nodeCode").value("SITE_SURVEY"))
                .andExpect(jsonPath("$.contentType").value("image/jpeg"))
                .andExpect(jsonPath("$.addedBy").value("surveyor"))
                .andExpect(jsonPath("$.addedByName").value("李勘查"))
                .andReturn().getResponse().getContentAsString();
        long photoId = ((Number) JsonPath.read(added, "$.id")).longValue();
        long documentId = ((Number) JsonPath.read(added, "$.documentId")).longValue();
        assertThat(audit.forSubject("application", orderNo)).extracting(AuditEntry::action).contains("photo.added");
        // The photo is a document of the order's archive, kept in the encrypted store, not in the database.
        assertThat(jdbc.sql("select kind from document where id = ?").param(documentId).query(String.class).single())
                .isEqualTo("FIELD_PHOTO");

        mvc.perform(get("/api/applications/{id}/photos", id).with(httpBasic("designer", PASSWORD)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[*].id").value(Matchers.contains((int) photoId)))
                .andExpect(jsonPath("$[0].annotation").value("表箱在东墙外侧"));
        // R-DOC-5 what is shown is watermarked: a JPEG again, but not the bytes that were taken.
        byte[] shown = mvc.perform(get("/documents/{d}/content", documentId).with(httpBasic("designer", PASSWORD)))
                .andExpect(status().isOk())
                .andExpect(content().contentType("image/jpeg"))
                .andExpect(header().string("Content-Disposition", Matchers.startsWith("inline")))
                .andExpect(header().string("X-Content-Type-Options", "nosniff"))
                .andExpect(header().string("Cache-Control", Matchers.containsString("private")))
                .andReturn().getResponse().getContentAsByteArray();
        assertThat(shown).isNotEqualTo(JPEG);
        assertThat(javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(shown)).getWidth()).isEqualTo(320);
        mvc.perform(get("/orders/{id}", id).with(httpBasic("designer", PASSWORD)))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("表箱在东墙外侧")))
                .andExpect(content().string(Matchers.containsString("/documents/" + documentId + "/content")))
                .andExpect(content().string(Matchers.containsString("李勘查")));

        mvc.perform(get("/documents/{d}/content", documentId).with(httpBasic("clerk.west", PASSWORD)))
                .andExpect(status().isNotFound());
        mvc.perform(get("/api/applications/{id}/photos", id).with(httpBasic("clerk.west", PASSWORD)))
                .andExpect(status().isNotFound());
    }

    @Test
    @DisplayName("R-COL-1 a photo must be a JPEG or PNG by its content and carry a kind and an annotation of 1-200 characters; "
            + "a refused photo leaves nothing behind")
    void refusesWhatIsNotAnAnnotatedPhoto() throws Exception {
        long id = orderAtSiteSurvey(mvc);
        String survey = openTask(id);
        mvc.perform(post("/api/tasks/{t}/sign-for", survey).with(httpBasic("surveyor", PASSWORD))).andExpect(status().isOk());

        refused(addPhoto(mvc, survey, "surveyor", SampleFiles.PDF, "SITE", "现场"), "file", "JPEG");
        refused(addPhoto(mvc, survey, "surveyor", EXECUTABLE, "SITE", "现场"), "file", "程序");
        refused(addPhoto(mvc, survey, "surveyor", new byte[0], "SITE", "现场"), "file", "空");
        refused(addPhoto(mvc, survey, "surveyor", JPEG, "SITE", "   "), "annotation", "200");
        refused(addPhoto(mvc, survey, "surveyor", JPEG, "SITE", "长".repeat(201)), "annotation", "200");
        refused(addPhoto(mvc, survey, "surveyor", JPEG, "ROOF", "现场"), "kind", "METER_POSITION");
        mvc.perform(multipart("/api/tasks/{t}/photos", survey).file(new MockMultipartFile("file", "a.exe", "image/jpeg", EXECUTABLE))
                        .param("kind", "SITE").param("annotation", "x").header("Accept-Language", "en")
                        .with(httpBasic("surveyor", PASSWORD)))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[?(@.field == 'file')].message").value(Matchers.hasItem(Matchers.containsString("program"))));

        assertThat(jdbc.sql("select count(*) from node_photo where application_id = ?").param(id).query(Long.class).single())
                .isZero();
        addPhoto(mvc, survey, "surveyor", JPEG, "SITE", "长".repeat(200)).andExpect(status().isCreated());
    }

    @Test
    @DisplayName("R-COL-1 on the survey form the phone takes a photo with the camera and the form lists the photos added")
    void surveyFormTakesPhotosFromThePhone() throws Exception {
        long id = orderAtSiteSurvey(mvc);
        String survey = openTask(id);
        mvc.perform(post("/api/tasks/{t}/sign-for", survey).with(httpBasic("surveyor", PASSWORD))).andExpect(status().isOk());
        mvc.perform(get("/tasks/{t}", survey).with(httpBasic("surveyor", PASSWORD)))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("capture=\"environment\"")))
                .andExpect(content().string(Matchers.containsString("accept=\"image/*\"")));

        mvc.perform(multipart("/tasks/{t}/photos", survey).file(new MockMultipartFile("file", "IMG_0001.jpg", "image/jpeg", JPEG))
                        .param("kind", "SITE").param("annotation", "进线杆位置").with(csrf()).with(httpBasic("surveyor", PASSWORD)))
                .andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrl("/tasks/" + survey));
        mvc.perform(get("/tasks/{t}", survey).with(httpBasic("surveyor", PASSWORD)))
                .andExpect(content().string(Matchers.containsString("进线杆位置")))
                .andExpect(content().string(Matchers.containsString("/documents/")));

        mvc.perform(multipart("/tasks/{t}/photos", survey).file(new MockMultipartFile("file", "scan.pdf", "image/jpeg",
                        SampleFiles.PDF)).param("kind", "SITE").param("annotation", "x")
                        .with(csrf()).with(httpBasic("surveyor", PASSWORD)))
                .andExpect(redirectedUrl("/tasks/" + survey))
                .andExpect(flash().attributeExists("refusal"));
        assertThat(jdbc.sql("select count(*) from node_photo where application_id = ?").param(id).query(Long.class).single())
                .isEqualTo(1);
    }

    private String openTask(long id) throws Exception {
        String order = order(id, "surveyor");
        assertThat((String) JsonPath.read(order, "$.openItems[0].nodeCode")).isEqualTo("SITE_SURVEY");
        return JsonPath.read(order, "$.openItems[0].taskId");
    }

    private String order(long id, String user) throws Exception {
        return mvc.perform(get("/api/applications/{id}", id).with(httpBasic(user, PASSWORD)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    }

    private static void refused(ResultActions result, String field, String messagePart) throws Exception {
        result.andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[*].field").value(Matchers.contains(field)))
                .andExpect(jsonPath("$.errors[?(@.field == '" + field + "')].message")
                        .value(Matchers.hasItem(Matchers.containsString(messagePart))));
    }
}
