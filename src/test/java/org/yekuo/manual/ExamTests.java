package org.yekuo.manual;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.servlet.MockMvc;
import org.yekuo.catalogue.BusinessTypeSummary;
import org.yekuo.catalogue.Catalogue;
import org.yekuo.support.Subjects;

import com.jayway.jsonpath.JsonPath;

/** Exams graded on the server, certification and the sign-for gate, through the API on PostgreSQL (R-STD-2). */
@SpringBootTest
@AutoConfigureMockMvc
class ExamTests {

    static final String PASSWORD = "Yekuo@2026";

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PasswordEncoder encoder;

    @Autowired
    Catalogue catalogue;

    @Test
    @DisplayName("R-STD-2 an uncertified surveyor cannot sign for a survey; an exam graded on the server fails them at 75 and "
            + "certifies them at 85, after which they sign for it")
    void onlyTheCertifiedSignForAlone() throws Exception {
        String trainee = newStaff("SURVEYOR");
        String taskId = surveyWaiting();
        mvc.perform(post("/api/tasks/{t}/sign-for", taskId).with(httpBasic(trainee, PASSWORD)))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.detail").value(containsString("\u4f4e\u538b\u5c45\u6c11\u65b0\u88c5")));
        assertThat(jdbc.sql("select assignee from work_item where task_id = ?").param(taskId).query(String.class).optional()).isEmpty();

        String paper = start(trainee, "LV_RES_NEW");
        assertThat(paper).doesNotContain("correct");
        assertThat((List<?>) JsonPath.read(paper, "$.questions")).hasSize(20);
        long exam = ((Number) JsonPath.read(paper, "$.id")).longValue();
        mvc.perform(post("/api/manual/exams/{id}/submission", exam).with(httpBasic(trainee, PASSWORD))
                        .contentType(MediaType.APPLICATION_JSON).content(answers(exam, 15)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.score").value(75)).andExpect(jsonPath("$.passed").value(false));
        // A second submission is refused and changes nothing.
        mvc.perform(post("/api/manual/exams/{id}/submission", exam).with(httpBasic(trainee, PASSWORD))
                        .contentType(MediaType.APPLICATION_JSON).content(answers(exam, 20)))
                .andExpect(status().isConflict());
        mvc.perform(get("/api/manual/exams/{id}/result", exam).with(httpBasic(trainee, PASSWORD)))
                .andExpect(jsonPath("$.score").value(75));
        mvc.perform(post("/api/tasks/{t}/sign-for", taskId).with(httpBasic(trainee, PASSWORD))).andExpect(status().isForbidden());

        long second = ((Number) JsonPath.read(start(trainee, "LV_RES_NEW"), "$.id")).longValue();
        assertThat(second).isNotEqualTo(exam);
        mvc.perform(post("/api/manual/exams/{id}/submission", second).with(httpBasic(trainee, PASSWORD))
                        .contentType(MediaType.APPLICATION_JSON).content(answers(second, 17)))
                .andExpect(jsonPath("$.score").value(85)).andExpect(jsonPath("$.passed").value(true))
                .andExpect(jsonPath("$.certifiedUntil").isNotEmpty());
        mvc.perform(get("/api/manual/certifications/mine").with(httpBasic(trainee, PASSWORD)))
                .andExpect(jsonPath("$[0].typeCode").value("LV_RES_NEW"));

        mvc.perform(post("/api/tasks/{t}/sign-for", taskId).with(httpBasic(trainee, PASSWORD))).andExpect(status().isOk());
    }

    @Test
    @DisplayName("R-STD-2 bad answers are refused with nothing saved: a question not in the exam, an option a question lacks, two "
            + "options of a single choice, a submission after the time")
    void badSubmissionsAreRefused() throws Exception {
        String taker = newStaff("SURVEYOR");
        long exam = ((Number) JsonPath.read(start(taker, "LV_RES_NEW"), "$.id")).longValue();
        submit(taker, exam, "{\"answers\": {\"21\": [0]}}").andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("answers[21]"));
        submit(taker, exam, "{\"answers\": {\"1\": [9]}}").andExpect(status().isUnprocessableContent());
        int single = jdbc.sql("""
                select e.position from manual_exam_question e join manual_question q on q.id = e.question_id
                where e.exam_id = ? and q.kind = 'SINGLE' order by e.position limit 1""").param(exam).query(Integer.class).single();
        submit(taker, exam, "{\"answers\": {\"" + single + "\": [0, 1]}}").andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("answers[" + single + "]"));
        assertThat(jdbc.sql("select count(*) from manual_exam_question where exam_id = ? and answer is not null").param(exam)
                .query(Long.class).single()).isZero();
        // Time runs out: the exam can be neither submitted nor reopened.
        jdbc.sql("update manual_exam set started_at = ?, due_at = ? where id = ?")
                .params(Timestamp.from(Instant.now().minusSeconds(3600)), Timestamp.from(Instant.now().minusSeconds(1800)), exam).update();
        submit(taker, exam, answers(exam, 20)).andExpect(status().isConflict());
        mvc.perform(get("/api/manual/exams/{id}", exam).with(httpBasic(taker, PASSWORD))).andExpect(status().isConflict());
        mvc.perform(get("/api/manual/exams/{id}/result", exam).with(httpBasic(taker, PASSWORD)))
                .andExpect(jsonPath("$.score").value(0)).andExpect(jsonPath("$.passed").value(false));
        // Another's exam is not found.
        mvc.perform(get("/api/manual/exams/{id}/result", exam).with(httpBasic("surveyor", PASSWORD))).andExpect(status().isNotFound());
    }

    @Test
    @DisplayName("R-STD-2 an uncertified surveyor signs for a node once a certified colleague countersigns; the board shows it")
    void aCertifiedCoHandlerCountersigns() throws Exception {
        String trainee = newStaff("SURVEYOR");
        String taskId = surveyWaiting();
        mvc.perform(post("/api/manual/countersigns").with(httpBasic(trainee, PASSWORD)).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"taskId\": \"" + taskId + "\", \"coHandler\": \"clerk\"}"))
                .andExpect(status().isUnprocessableContent()).andExpect(jsonPath("$.errors[0].field").value("coHandler"));
        String asked = mvc.perform(post("/api/manual/countersigns").with(httpBasic(trainee, PASSWORD))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"taskId\": \"" + taskId + "\", \"coHandler\": \"surveyor\"}"))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        long id = ((Number) JsonPath.read(asked, "$.id")).longValue();
        mvc.perform(post("/api/tasks/{t}/sign-for", taskId).with(httpBasic(trainee, PASSWORD))).andExpect(status().isForbidden());
        mvc.perform(post("/api/manual/countersigns/{id}/decision", id).with(httpBasic("designer", PASSWORD))
                .contentType(MediaType.APPLICATION_JSON).content("{\"approve\": true}")).andExpect(status().isNotFound());
        mvc.perform(post("/api/manual/countersigns/{id}/decision", id).with(httpBasic("surveyor", PASSWORD))
                .contentType(MediaType.APPLICATION_JSON).content("{\"approve\": true}")).andExpect(status().isOk());

        mvc.perform(post("/api/tasks/{t}/sign-for", taskId).with(httpBasic(trainee, PASSWORD))).andExpect(status().isOk());
        mvc.perform(get("/api/manual/countersigns/handled").with(httpBasic("leader", PASSWORD)))
                .andExpect(jsonPath("$[?(@.id == " + id + ")].handler").value(org.hamcrest.Matchers.hasItem(trainee)));
        mvc.perform(get("/api/manual/countersigns/handled").with(httpBasic("surveyor", PASSWORD))).andExpect(status().isForbidden());
    }

    @Test
    @DisplayName("R-STD-2 the colleague asked to countersign is texted and finds the request on the workbench until deciding it")
    void theCoHandlerAskedIsToldAtOnce() throws Exception {
        String trainee = newStaff("SURVEYOR");
        String taskId = surveyWaiting();
        String asked = mvc.perform(post("/api/manual/countersigns").with(httpBasic(trainee, PASSWORD))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"taskId\": \"" + taskId + "\", \"coHandler\": \"surveyor\"}"))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        long id = ((Number) JsonPath.read(asked, "$.id")).longValue();
        long orderId = ((Number) JsonPath.read(asked, "$.orderId")).longValue();
        String orderNo = jdbc.sql("select order_no from application where id = ?").param(orderId).query(String.class).single();

        assertThat(jdbc.sql("select body from sms_outbox where business_ref = ? and template_code = 'countersign-requested'")
                .param(orderNo).query(String.class).list()).singleElement().asString()
                .contains("见习" + trainee.substring(8), orderNo, "现场勘查", "会签");
        String workbench = mvc.perform(get("/").with(httpBasic("surveyor", PASSWORD))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(workbench).contains("data-testid=\"countersigns-panel\"", "data-countersign=\"" + id + "\"", orderNo, "同意会签");
        assertThat(mvc.perform(get("/").with(httpBasic(trainee, PASSWORD))).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8)).doesNotContain("data-countersign=\"" + id + "\"");

        mvc.perform(post("/api/manual/countersigns/{id}/decision", id).with(httpBasic("surveyor", PASSWORD))
                .contentType(MediaType.APPLICATION_JSON).content("{\"approve\": false}")).andExpect(status().isOk());
        assertThat(mvc.perform(get("/").with(httpBasic("surveyor", PASSWORD))).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8)).doesNotContain("data-countersign=\"" + id + "\"");
    }

    @Test
    @DisplayName("R-STD-2 a pass certifies for two years; a certification about to expire shows on the board, an expired one "
            + "no longer lets its holder sign for alone")
    void certificationsExpire() throws Exception {
        String trainee = newStaff("SURVEYOR");
        long exam = ((Number) JsonPath.read(start(trainee, "LV_RES_NEW"), "$.id")).longValue();
        String result = submit(trainee, exam, answers(exam, 18)).andExpect(status().isOk())
                .andExpect(jsonPath("$.passed").value(true)).andReturn().getResponse().getContentAsString();
        Instant until = Instant.parse(JsonPath.read(result, "$.certifiedUntil"));
        assertThat(Duration.between(Instant.now(), until).toDays()).isBetween(729L, 731L);
        String taskId = surveyWaiting();

        jdbc.sql("update manual_certification set valid_until = ? where username = ?")
                .params(Timestamp.from(Instant.now().plus(Duration.ofDays(10))), trainee).update();
        mvc.perform(get("/api/manual/certifications/lapsing").with(httpBasic("leader", PASSWORD)))
                .andExpect(jsonPath("$[?(@.username == '" + trainee + "')].typeCode").value(hasItem("LV_RES_NEW")));
        assertThat(mvc.perform(get("/manual/certifications").with(httpBasic("leader", PASSWORD))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8)).contains("见习" + trainee.substring(8));

        jdbc.sql("update manual_certification set valid_until = ? where username = ?")
                .params(Timestamp.from(Instant.now().minus(Duration.ofDays(1))), trainee).update();
        mvc.perform(post("/api/tasks/{t}/sign-for", taskId).with(httpBasic(trainee, PASSWORD))).andExpect(status().isForbidden());
        mvc.perform(get("/api/manual/certifications/lapsing").with(httpBasic("leader", PASSWORD)))
                .andExpect(jsonPath("$[?(@.username == '" + trainee + "')].typeCode").value(hasItem("LV_RES_NEW")));
    }

    @Test
    @DisplayName("R-STD-2 a chapter changed materially in an edition needs re-certification within 30 days; a certification "
            + "gained after that edition does not")
    void aMaterialChangeCallsForRenewal() throws Exception {
        String before = newStaff("CLERK");
        String after = newStaff("CLERK");
        String type = "ACCOUNT_SPLIT_MERGE";
        certify(before, type, Instant.now().minus(Duration.ofDays(100)));
        String edition = mvc.perform(post("/api/manual/editions").with(httpBasic("admin", PASSWORD)).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"summary\": \"分户并户流程调整\", \"materialChapters\": [\"" + type + "\"], \"entries\": ["
                                + "{\"typeCode\": \"" + type + "\", \"text\": \"分户并户改为先核对计量再签合同\", \"reason\": \"流程调整\"}]}"))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        Instant published = Instant.parse(JsonPath.read(edition, "$.publishedAt"));
        certify(after, type, Instant.now().plusSeconds(1));

        String mine = mvc.perform(get("/api/manual/certifications/mine").with(httpBasic(before, PASSWORD)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        Instant renewBy = Instant.parse(JsonPath.<List<String>>read(mine, "$[?(@.typeCode == '" + type + "')].renewBy").get(0));
        // The answer's instant may carry finer digits than the database keeps: 30 days to within a second.
        assertThat(Duration.between(published, renewBy).minus(Duration.ofDays(30)).abs()).isLessThan(Duration.ofSeconds(1));
        mvc.perform(get("/api/manual/certifications/mine").with(httpBasic(after, PASSWORD)))
                .andExpect(jsonPath("$[?(@.typeCode == '" + type + "')].renewBy").value(hasItem(org.hamcrest.Matchers.nullValue())));
        mvc.perform(get("/api/manual/certifications/lapsing").with(httpBasic("leader", PASSWORD)))
                .andExpect(jsonPath("$[?(@.username == '" + before + "')].typeCode").value(hasItem(type)))
                .andExpect(jsonPath("$[?(@.username == '" + after + "')]").isEmpty());
    }

    @Test
    @DisplayName("R-STD-2 every chapter's bank can fill an exam, and a question without a correct answer is refused")
    void banksFillAnExamAndKeysAreRequired() throws Exception {
        for (BusinessTypeSummary type : catalogue.types()) {
            assertThat(jdbc.sql("select count(*) from manual_question where type_code = ? and active").param(type.code())
                    .query(Long.class).single()).as(type.code()).isGreaterThanOrEqualTo(20);
        }
        mvc.perform(post("/api/manual/questions").with(httpBasic("admin", PASSWORD)).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"typeCode\": \"LV_RES_NEW\", \"kind\": \"SINGLE\", \"stem\": \"装表后应核对什么？\", \"explanation\": \"e\","
                                + " \"options\": [{\"text\": \"表号\", \"correct\": false}, {\"text\": \"颜色\", \"correct\": false}]}"))
                .andExpect(status().isUnprocessableContent()).andExpect(jsonPath("$.errors[0].field").value("options"));
        mvc.perform(post("/api/manual/questions").with(httpBasic("clerk", PASSWORD)).contentType(MediaType.APPLICATION_JSON)
                .content("{}")).andExpect(status().isForbidden());
        mvc.perform(post("/api/manual/questions").with(httpBasic("admin", PASSWORD)).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"typeCode\": \"LV_RES_NEW\", \"nodeCode\": \"METER_INSTALLATION\", \"kind\": \"SINGLE\", "
                                + "\"stem\": \"装表后应与客户共同核对什么？\", \"explanation\": \"表号与底数\", \"options\": ["
                                + "{\"text\": \"表号与底数\", \"correct\": true}, {\"text\": \"表箱颜色\", \"correct\": false}]}"))
                .andExpect(status().isCreated()).andExpect(jsonPath("$.options[0].correct").value(true));
    }

    private void certify(String username, String type, Instant at) {
        jdbc.sql("insert into manual_certification (username, type_code, edition_no, certified_at, valid_until) values (?, ?, 1, ?, ?)")
                .params(username, type, Timestamp.from(at), Timestamp.from(at.plus(Duration.ofDays(730)))).update();
    }

    private String newStaff(String role) {
        String username = "trainee-" + UUID.randomUUID().toString().substring(0, 8);
        long unit = jdbc.sql("select org_unit_id from staff where username = 'surveyor'").query(Long.class).single();
        jdbc.sql("insert into staff (username, display_name, password_hash, org_unit_id, created_at) values (?, ?, ?, ?, ?)")
                .params(username, "见习" + username.substring(8), encoder.encode(PASSWORD), unit, Timestamp.from(Instant.now())).update();
        long id = jdbc.sql("select id from staff where username = ?").param(username).query(Long.class).single();
        jdbc.sql("insert into staff_role (staff_id, role_code) values (?, ?)").params(id, role).update();
        return username;
    }

    /** An LV residential order accepted and past acceptance, its survey waiting for a surveyor. */
    private String surveyWaiting() throws Exception {
        String body = """
                {"typeCode":"LV_RES_NEW","applicantKind":"PERSON","applicantName":"李四","subjectCode":"%s",
                 "phone":"%s","supplyAddress":"示范市城东区人民路 8 号","capacity":8,"capacityUnit":"KW","agent":false}"""
                .formatted(Subjects.idNumber(), Subjects.phone());
        String created = mvc.perform(post("/api/applications").with(httpBasic("clerk", PASSWORD))
                        .header("Idempotency-Key", UUID.randomUUID().toString()).contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        long id = ((Number) JsonPath.read(created, "$.id")).longValue();
        String acceptance = openTask(id, "ACCEPTANCE");
        mvc.perform(post("/api/tasks/{t}/sign-for", acceptance).with(httpBasic("clerk", PASSWORD))).andExpect(status().isOk());
        mvc.perform(post("/api/tasks/{t}/complete", acceptance).with(httpBasic("clerk", PASSWORD))
                .contentType(MediaType.APPLICATION_JSON).content("{\"fields\":{}}")).andExpect(status().isNoContent());
        return openTask(id, "SITE_SURVEY");
    }

    private String openTask(long id, String node) throws Exception {
        String order = mvc.perform(get("/api/applications/{id}", id).with(httpBasic("clerk", PASSWORD)))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        List<String> tasks = JsonPath.read(order, "$.openItems[?(@.nodeCode == '" + node + "')].taskId");
        assertThat(tasks).hasSize(1);
        return tasks.get(0);
    }

    private String start(String user, String type) throws Exception {
        return mvc.perform(post("/api/manual/exams").with(httpBasic(user, PASSWORD)).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"typeCode\": \"" + type + "\"}"))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
    }

    private org.springframework.test.web.servlet.ResultActions submit(String user, long exam, String body) throws Exception {
        return mvc.perform(post("/api/manual/exams/{id}/submission", exam).with(httpBasic(user, PASSWORD))
                .contentType(MediaType.APPLICATION_JSON).content(body));
    }

    /** Answers with the key read from the database: the first {@code right} questions right, the rest wrong. */
    private String answers(long exam, int right) {
        record Drawn(int position, long question) {
        }
        List<Drawn> drawn = jdbc.sql("select position, question_id from manual_exam_question where exam_id = ? order by position")
                .param(exam).query((rs, n) -> new Drawn(rs.getInt(1), rs.getLong(2))).list();
        List<String> parts = new ArrayList<>();
        for (Drawn d : drawn) {
            List<Integer> key = jdbc.sql("select position from manual_question_option where question_id = ? and correct order by position")
                    .param(d.question()).query(Integer.class).list();
            List<Integer> wrong = jdbc.sql("select position from manual_question_option where question_id = ? and not correct order by position")
                    .param(d.question()).query(Integer.class).list();
            List<Integer> chosen = d.position() <= right ? key : wrong.isEmpty() ? List.of() : List.of(wrong.get(0));
            parts.add("\"" + d.position() + "\": " + chosen);
        }
        return "{\"answers\": {" + String.join(", ", parts) + "}}";
    }
}
