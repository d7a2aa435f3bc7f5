package org.yekuo.manual;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.yekuo.catalogue.BusinessTypeDefinition;
import org.yekuo.catalogue.Catalogue;
import org.yekuo.catalogue.KeyNode;
import org.yekuo.catalogue.TimeLimit;
import org.yekuo.shared.PdfFont;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The operating manual through its API and pages, on PostgreSQL (R-STD-1, R-REV-6's appendix). */
@SpringBootTest
@AutoConfigureMockMvc
class ManualTests {

    static final String PASSWORD = "Yekuo@2026";
    static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    MockMvc mvc;

    @Autowired
    Catalogue catalogue;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PdfFont font;

    @Test
    @DisplayName("R-STD-1 a chapter per business type, each stage with its input materials, required outputs and the time limit "
            + "of the catalogue version it describes")
    void chaptersAreDerivedFromTheCatalogue() throws Exception {
        JsonNode chapters = json(get("/api/manual/chapters"), "clerk");
        assertThat(chapters.size()).isEqualTo(catalogue.types().size());
        JsonNode chapter = json(get("/api/manual/chapters/LV_RES_NEW"), "surveyor");
        int version = chapter.at("/type/version").asInt();
        BusinessTypeDefinition described = catalogue.version("LV_RES_NEW", version);
        assertThat(chapter.at("/stages").size()).isEqualTo(described.nodes().size());
        JsonNode survey = chapter.at("/stages/1");
        assertThat(survey.at("/node/node").asText()).isEqualTo("SITE_SURVEY");
        assertThat(survey.at("/node/limit/amount").asInt()).isEqualTo(described.limitOf(KeyNode.SITE_SURVEY).orElseThrow().amount());
        assertThat(survey.at("/outputFields").toString()).contains("meterPosition", "surveyOpinion");
        assertThat(chapter.at("/stages/0/inputs").toString()).contains("ID_CARD");
        assertThat(chapter.at("/guideline/code").asText()).isEqualTo("LV");
        assertThat(chapter.at("/guideline/items").size()).isEqualTo(5);

        mvc.perform(get("/manual/chapters/LV_RES_NEW").with(httpBasic("surveyor", PASSWORD)))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("<svg")))
                .andExpect(content().string(containsString("data-node=\"SITE_SURVEY\"")))
                .andExpect(content().string(containsString("\u8868\u4f4d\u4f4d\u7f6e")))
                .andExpect(content().string(containsString("data-clause=\"LV-1\"")));
    }

    @Test
    @DisplayName("R-STD-1 after a time limit changes in the catalogue, the chapter says the product already enforces it, and the "
            + "next edition describes it and states the change in its change log; the earlier edition keeps the old figure")
    void nextEditionStatesAChangedTimeLimit() throws Exception {
        BusinessTypeDefinition before = catalogue.current("TARIFF_CHANGE");
        TimeLimit old = before.limitOf(KeyNode.CONTRACT).orElseThrow();
        int previousEdition = json(get("/api/manual/editions"), "clerk").get(0).get("number").asInt();
        changeLimit(before.version(), old.amount() + 1);
        try {
            mvc.perform(get("/manual/chapters/TARIFF_CHANGE").with(httpBasic("clerk", PASSWORD)))
                    .andExpect(content().string(containsString("data-testid=\"catalogue-moved\"")));
            mvc.perform(get("/api/manual/draft").with(httpBasic("admin", PASSWORD)))
                    .andExpect(jsonPath("$.derived[?(@.typeCode == 'TARIFF_CHANGE')].kind", hasItem("TIME_LIMIT")));

            int edition = publish("admin", "{\"summary\": \"改类合同时限调整\", \"entries\": [{\"typeCode\": \"TARIFF_CHANGE\", "
                    + "\"text\": \"合同签订时限延长\", \"reason\": \"与营销部门约定\"}]}");

            assertThat(edition).isGreaterThan(previousEdition);
            JsonNode log = json(get("/api/manual/editions/" + edition + "/changes"), "clerk");
            JsonNode limit = find(log, "TIME_LIMIT", "TARIFF_CHANGE");
            assertThat(limit.get("subject").asText()).isEqualTo("CONTRACT");
            assertThat(limit.get("before").asText()).isEqualTo(old.amount() + " WORKING_DAYS");
            assertThat(limit.get("after").asText()).isEqualTo((old.amount() + 1) + " WORKING_DAYS");
            assertThat(find(log, "EDITOR", "TARIFF_CHANGE").get("reason").asText()).isEqualTo("与营销部门约定");

            JsonNode now = json(get("/api/manual/chapters/TARIFF_CHANGE"), "clerk");
            assertThat(stage(now, "CONTRACT").at("/node/limit/amount").asInt()).isEqualTo(old.amount() + 1);
            assertThat(now.get("catalogueMovedTo").isNull()).isTrue();
            JsonNode then = json(get("/api/manual/chapters/TARIFF_CHANGE?edition=" + previousEdition), "clerk");
            assertThat(stage(then, "CONTRACT").at("/node/limit/amount").asInt()).isEqualTo(old.amount());
            // Worded for the reader on the change-log page.
            mvc.perform(get("/manual/editions").with(httpBasic("clerk", PASSWORD)))
                    .andExpect(content().string(containsString("\u5408\u540c\u7b7e\u8ba2\u65f6\u9650\u7531 " + old.amount()
                            + " \u4e2a\u5de5\u4f5c\u65e5 \u8c03\u6574\u4e3a " + (old.amount() + 1) + " \u4e2a\u5de5\u4f5c\u65e5")));
        } finally {
            changeLimit(catalogue.current("TARIFF_CHANGE").version(), old.amount());
        }
    }

    @Test
    @DisplayName("R-STD-1 a revision without a change log is refused naming the field, and nothing of it is kept")
    void revisionWithoutChangeLogIsRefused() throws Exception {
        long editions = count("manual_edition");
        long changes = count("manual_change");
        mvc.perform(post("/api/manual/editions").with(httpBasic("admin", PASSWORD)).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"summary\": \"月度修订\", \"entries\": [{\"text\": \"\", \"reason\": \"\"}]}"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("entries"))
                .andExpect(jsonPath("$.detail").value(containsString("\u4fee\u8ba2\u8bb0\u5f55\u4e0d\u80fd\u4e3a\u7a7a")));
        mvc.perform(post("/api/manual/editions").with(httpBasic("admin", PASSWORD)).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"summary\": \"月度修订\", \"entries\": [{\"text\": \"调整说明\", \"reason\": \"\"}]}"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("entries[0].reason"));
        mvc.perform(post("/api/manual/editions").with(httpBasic("admin", PASSWORD)).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"summary\": \"月度修订\", \"entries\": [{\"text\": \"调整说明\", \"reason\": \"原因\", "
                                + "\"answersFeedback\": [987654321]}]}"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("entries[0].answersFeedback"));
        assertThat(count("manual_edition")).isEqualTo(editions);
        assertThat(count("manual_change")).isEqualTo(changes);
    }

    @Test
    @DisplayName("R-STD-1 staff's feedback on a section is answered by the change of the next edition, and the reader sees what "
            + "changed since the edition they last read")
    void feedbackIsAnsweredByARevision() throws Exception {
        int current = json(get("/api/manual/editions"), "clerk").get(0).get("number").asInt();
        mvc.perform(put("/api/manual/reading").param("edition", String.valueOf(current)).with(httpBasic("inspector", PASSWORD)))
                .andExpect(status().isNoContent());
        assertThat(json(get("/api/manual/reading"), "inspector").get("changes").size()).isZero();

        JsonNode feedback = JSON.readTree(mvc.perform(post("/api/manual/chapters/LV_RES_NEW/feedback")
                        .with(httpBasic("inspector", PASSWORD)).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"section\": \"METER_INSTALLATION\", \"body\": \"装表环节应提示核对表箱封印\"}"))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString());
        long id = feedback.get("id").asLong();
        mvc.perform(post("/api/manual/chapters/LV_RES_NEW/feedback").with(httpBasic("inspector", PASSWORD))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"section\": \"SCHEME_REVIEW\", \"body\": \"x\"}"))
                .andExpect(status().isUnprocessableContent()).andExpect(jsonPath("$.errors[0].field").value("section"));
        mvc.perform(get("/api/manual/feedback").with(httpBasic("leader", PASSWORD)))
                .andExpect(jsonPath("$[*].id", hasItem((int) id)));
        mvc.perform(get("/api/manual/feedback").with(httpBasic("clerk", PASSWORD))).andExpect(status().isForbidden());

        int edition = publish("leader", "{\"summary\": \"答复装表反馈\", \"entries\": [{\"typeCode\": \"LV_RES_NEW\", "
                + "\"text\": \"装表环节增加核对封印的提示\", \"reason\": \"一线反馈\", \"answersFeedback\": [" + id + "]}]}");

        JsonNode mine = json(get("/api/manual/feedback/mine"), "inspector");
        assertThat(mine.get(0).get("answeredIn").asInt()).isEqualTo(edition);
        JsonNode reading = json(get("/api/manual/reading"), "inspector");
        assertThat(reading.get("lastRead").asInt()).isEqualTo(current);
        assertThat(reading.get("changes").findValuesAsString("after")).contains("装表环节增加核对封印的提示");
        mvc.perform(get("/manual").with(httpBasic("inspector", PASSWORD)))
                .andExpect(content().string(containsString("data-testid=\"since-last-read\"")))
                .andExpect(content().string(containsString("\u88c5\u8868\u73af\u8282\u589e\u52a0\u6838\u5bf9\u5c01\u5370\u7684\u63d0\u793a")));
        // The same feedback cannot be answered twice.
        mvc.perform(post("/api/manual/editions").with(httpBasic("admin", PASSWORD)).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"summary\": \"s\", \"entries\": [{\"text\": \"t\", \"reason\": \"r\", \"answersFeedback\": [" + id + "]}]}"))
                .andExpect(status().isUnprocessableContent());
    }

    @Test
    @DisplayName("R-STD-1 only editors write notes and publish; a note written now shows from the next edition on")
    void notesShowFromTheNextEdition() throws Exception {
        mvc.perform(post("/api/manual/notes").with(httpBasic("clerk", PASSWORD)).contentType(MediaType.APPLICATION_JSON)
                .content("{\"typeCode\": \"LV_RES_NEW\", \"kind\": \"TIP\", \"title\": \"t\", \"body\": \"b\"}"))
                .andExpect(status().isForbidden());
        mvc.perform(post("/api/manual/editions").with(httpBasic("clerk", PASSWORD)).contentType(MediaType.APPLICATION_JSON)
                .content("{\"summary\": \"s\", \"entries\": [{\"text\": \"t\", \"reason\": \"r\"}]}"))
                .andExpect(status().isForbidden());
        mvc.perform(post("/api/manual/notes").with(httpBasic("admin", PASSWORD)).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"typeCode\": \"LV_RES_NEW\", \"nodeCode\": \"INTERMEDIATE_INSPECTION\", \"kind\": \"TIP\", \"title\": \"t\", \"body\": \"b\"}"))
                .andExpect(status().isUnprocessableContent()).andExpect(jsonPath("$.errors[0].field").value("nodeCode"));
        String title = "送电前确认客户侧开关状态 " + System.nanoTime();
        mvc.perform(post("/api/manual/notes").with(httpBasic("admin", PASSWORD)).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"typeCode\": \"LV_NONRES_NEW\", \"nodeCode\": \"METER_INSTALLATION\", \"kind\": \"TIP\", "
                                + "\"title\": \"" + title + "\", \"body\": \"与客户共同确认\"}"))
                .andExpect(status().isCreated());
        assertThat(json(get("/api/manual/chapters/LV_NONRES_NEW"), "clerk").toString()).doesNotContain(title);

        int edition = publish("admin", "{\"summary\": \"新增提示\", \"entries\": [{\"typeCode\": \"LV_NONRES_NEW\", "
                + "\"text\": \"装表环节新增提示\", \"reason\": \"现场经验\"}]}");

        assertThat(stage(json(get("/api/manual/chapters/LV_NONRES_NEW"), "clerk"), "METER_INSTALLATION").get("notes").toString())
                .contains(title);
        assertThat(find(json(get("/api/manual/editions/" + edition + "/changes"), "clerk"), "NOTE_ADDED", "LV_NONRES_NEW")
                .get("after").asText()).isEqualTo(title);
        mvc.perform(get("/api/manual/search").param("q", "客户侧开关").with(httpBasic("clerk", PASSWORD)))
                .andExpect(jsonPath("$[0].typeCode").value("LV_NONRES_NEW"))
                .andExpect(jsonPath("$[0].section").value("METER_INSTALLATION"));
    }

    @Test
    @DisplayName("R-STD-1 search finds stages, materials and clauses in the reader's language")
    void searchFindsTextInTheReadersLanguage() throws Exception {
        mvc.perform(get("/api/manual/search").param("q", "现场勘查").with(httpBasic("clerk", PASSWORD)))
                .andExpect(jsonPath("$[*].section", hasItem("SITE_SURVEY")));
        mvc.perform(get("/api/manual/search").param("q", "site survey").header("Accept-Language", "en")
                        .with(httpBasic("clerk", PASSWORD)))
                .andExpect(jsonPath("$[*].section", hasItem("SITE_SURVEY")));
        mvc.perform(get("/manual/search").param("q", "LV-3").with(httpBasic("clerk", PASSWORD)))
                .andExpect(status().isOk()).andExpect(content().string(containsString("#clauses")));
    }

    @Test
    @DisplayName("R-STD-1 the manual exports as a PDF book with a table of contents, a bookmark per chapter and a Chinese font embedded")
    void exportsAPdfBook() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(font.font().isPresent() || "true".equals(System.getenv("CI")),
                "no CJK font installed (fonts-noto-cjk)");
        byte[] pdf = mvc.perform(get("/manual/book.pdf").with(httpBasic("clerk", PASSWORD)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
        try (PDDocument document = Loader.loadPDF(pdf)) {
            String text = new PDFTextStripper().getText(document);
            assertThat(text).contains("\u76ee\u5f55").contains(catalogue.current("LV_RES_NEW").nameZh())
                    .contains("\u9644\u5f55");
            assertThat(document.getNumberOfPages()).isGreaterThan(catalogue.types().size());
            List<String> bookmarks = new java.util.ArrayList<>();
            document.getDocumentCatalog().getDocumentOutline().children().forEach(item -> bookmarks.add(item.getTitle()));
            assertThat(bookmarks).hasSize(catalogue.types().size() + 2);
            PDFont used = document.getPage(0).getResources().getFont(document.getPage(0).getResources().getFontNames().iterator().next());
            assertThat(used.isEmbedded()).isTrue();
        }
    }

    private void changeLimit(int baseVersion, int amount) throws Exception {
        mvc.perform(put("/api/catalogue/types/TARIFF_CHANGE/nodes/CONTRACT/limit").with(httpBasic("admin", PASSWORD))
                .contentType(MediaType.APPLICATION_JSON).content("""
                        {"baseVersion": %d, "amount": %d, "unit": "WORKING_DAYS", "source": "COMMON_PRACTICE",
                         "note": "manual test"}""".formatted(baseVersion, amount)))
                .andExpect(status().isOk());
    }

    private int publish(String editor, String body) throws Exception {
        String answer = mvc.perform(post("/api/manual/editions").with(httpBasic(editor, PASSWORD)).contentType(MediaType.APPLICATION_JSON)
                        .content(body))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        return JSON.readTree(answer).get("number").asInt();
    }

    private JsonNode json(org.springframework.test.web.servlet.RequestBuilder request, String user) throws Exception {
        var builder = (org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder) request;
        return JSON.readTree(mvc.perform(builder.with(httpBasic(user, PASSWORD))).andExpect(status().isOk()).andReturn()
                .getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static JsonNode find(JsonNode log, String kind, String type) {
        for (JsonNode entry : log) {
            if (entry.get("kind").asText().equals(kind) && type.equals(entry.get("typeCode").asText())) {
                return entry;
            }
        }
        throw new AssertionError("no " + kind + " entry for " + type + " in " + log);
    }

    private static JsonNode stage(JsonNode chapter, String node) {
        for (JsonNode stage : chapter.get("stages")) {
            if (stage.at("/node/node").asText().equals(node)) {
                return stage;
            }
        }
        throw new AssertionError("no stage " + node);
    }

    private long count(String table) {
        return jdbc.sql("select count(*) from " + table).query(Long.class).single();
    }
}
