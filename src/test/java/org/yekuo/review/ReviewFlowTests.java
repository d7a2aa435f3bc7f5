package org.yekuo.review;

import org.yekuo.support.SampleFiles;
import org.yekuo.support.Subjects;
import org.yekuo.support.LvSchemeCheck;
import org.yekuo.workflow.TaskId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
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

import com.jayway.jsonpath.JsonPath;

/** Schemes through parallel department review over the REST API, on PostgreSQL (R-REV-1..5). */
@SpringBootTest
@AutoConfigureMockMvc
class ReviewFlowTests {

    static final String PASSWORD = "Yekuo@2026";
    static final byte[] PDF = org.yekuo.support.SampleFiles.PDF;

    static final Map<String, Map<String, String>> FIELDS = Map.of(
            "ACCEPTANCE", Map.of(),
            "SITE_SURVEY", Map.of("meterPosition", "配电室", "supplyPoint", "110kV 东郊站", "distanceMetres", "1200",
                    "surveyOpinion", "具备专线接入条件"),
            // An LV order among them answers the LV check with its design; an HV one has no such fields to read.
            "SCHEME_DESIGN", LvSchemeCheck.passed(Map.of("supplyVoltage", "10kV", "supplyPoint", "110kV 东郊站 10kV 东12线", "meteringMethod", "HV_HV", "tariffCategory", "LARGE_INDUSTRIAL", "schemeSummary", "东郊站 10kV 专线接入")),
            "SCHEME_REPLY", Map.of("replyDate", java.time.LocalDate.now(org.yekuo.shared.ClockConfiguration.UTILITY_ZONE).toString()));
    static final Map<String, String> HANDLERS = Map.of("ACCEPTANCE", "clerk", "SITE_SURVEY", "surveyor",
            "SCHEME_DESIGN", "designer", "SCHEME_REPLY", "clerk");

    @Autowired
    MockMvc mvc;

    @Autowired
    org.yekuo.workflow.OrderProcesses processes;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    org.yekuo.audit.AuditTrail audit;

    @Autowired
    org.springframework.context.ApplicationEventPublisher events;

    @Autowired
    org.springframework.transaction.support.TransactionTemplate transactions;

    @Test
    @DisplayName("R-REV-1 R-REV-3 R-REV-4 an HV dedicated-line scheme goes to operations, marketing and dispatch at once; "
            + "dispatch returns it against operations' pass, the leader rules, and the revision goes back to dispatch only")
    void dedicatedLineDisputeIsRuledByTheLeader() throws Exception {
        long id = hvOrder("HV_DEDICATED_LINE");
        for (String node : List.of("ACCEPTANCE", "SITE_SURVEY")) {
            work(id, node);
        }
        List<Long> drawings = attachDrawings(id);
        work(id, "SCHEME_DESIGN");
        Map<String, String> tasks = reviewTasks(id);
        assertThat(tasks).containsOnlyKeys("REVIEWER_OPERATIONS", "REVIEWER_MARKETING", "REVIEWER_DISPATCH");
        // R-DOC-1 each of the scheme's drawings opens beside the clauses, not only the first.
        assertThat(mvc.perform(get("/reviews/tasks/{t}", tasks.get("REVIEWER_DISPATCH")).with(httpBasic("dispatch", PASSWORD)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8))
                .contains("data-drawing-src=\"/documents/" + drawings.get(0) + "/content\"")
                .contains("data-drawing-src=\"/documents/" + drawings.get(1) + "/content\"");
        // Two working days from the calendar, on every department's task.
        mvc.perform(get("/api/reviews/orders/{id}", id).with(httpBasic("designer", PASSWORD)))
                .andExpect(jsonPath("$.rounds[0].reviews[*].dueAt").value(Matchers.everyItem(Matchers.notNullValue())))
                .andExpect(jsonPath("$.rounds[0].round.state").value("OPEN"));

        countersign(tasks.get("REVIEWER_OPERATIONS"), "ops", "PASS", List.of("HV-3"), "电源点与回路数满足要求")
                .andExpect(status().isOk());
        countersign(tasks.get("REVIEWER_MARKETING"), "marketing", "PASS", List.of(), "").andExpect(status().isOk());
        countersign(tasks.get("REVIEWER_DISPATCH"), "dispatch", "RETURN", List.of("HV-23"),
                "东郊站 10kV 间隔已满，需改由北郊站 931 间隔接入并补充潮流计算").andExpect(status().isOk());

        // RETURN against PASS: the leader in charge arbitrates.
        String arbitration = openTaskOf(id, "LEADER");
        mvc.perform(get("/api/reviews/orders/{id}", id).with(httpBasic("leader", PASSWORD)))
                .andExpect(jsonPath("$.rounds[0].round.state").value("DISPUTED"))
                .andExpect(jsonPath("$.rounds[0].conflicts[0]").value(Matchers.startsWith("RETURN_AGAINST_PASS")));
        // The arbitration page names the conflict in words, not by its code.
        assertThat(mvc.perform(get("/reviews/tasks/{t}", arbitration).with(httpBasic("leader", PASSWORD)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8))
                .contains("运检部门与调度部门结论相反").doesNotContain(">RETURN_AGAINST_PASS")
                // What they disagree about: the scheme and every drawing, each openable beside the ruling.
                .contains("data-testid=\"scheme\"").contains("data-drawing=\"SINGLE_LINE\"").contains("data-drawing=\"METERING\"")
                .contains("data-drawing-src=\"/documents/" + drawings.get(1) + "/content\"");
        mvc.perform(post("/api/reviews/arbitrations/{t}/open", arbitration).with(httpBasic("leader", PASSWORD)))
                .andExpect(status().isNoContent());
        rule(arbitration, "MODIFY", List.of("HV-3", "HV-23"), "改由北郊站 931 间隔专线接入，补充潮流计算书", List.of())
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[*].field").value(Matchers.hasItem("departments")));
        rule(arbitration, "MODIFY", List.of("HV-3", "HV-23"), "改由北郊站 931 间隔专线接入，补充潮流计算书", List.of("DISPATCH"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.departments").value(Matchers.contains("DISPATCH")));

        // The designer revises once; the revision goes back to dispatch only.
        work(id, "SCHEME_DESIGN");
        assertThat(reviewTasks(id)).containsOnlyKeys("REVIEWER_DISPATCH");
        countersign(reviewTasks(id).get("REVIEWER_DISPATCH"), "dispatch", "PASS", List.of("HV-23"), "北郊站间隔可用")
                .andExpect(status().isOk());
        mvc.perform(get("/api/applications/{id}", id).with(httpBasic("clerk", PASSWORD)))
                .andExpect(jsonPath("$.openItems[0].nodeCode").value("SCHEME_REPLY"));
        String board = mvc.perform(get("/api/reviews/orders/{id}", id).with(httpBasic("leader", PASSWORD)))
                .andExpect(jsonPath("$.rounds[0].ruling.ruledBy").value("leader"))
                .andExpect(jsonPath("$.rounds[1].round.state").value("PASSED"))
                .andReturn().getResponse().getContentAsString();
        // R-DOC-3 each opinion and the ruling is a PDF in the order's archive signed by whoever gave it; dispatch's
        // second opinion is the next version of its sheet. (The nodes before the review issued their own records.)
        String archive = mvc.perform(get("/api/orders/{id}/documents", id).with(httpBasic("designer", PASSWORD)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        String reviewRecords = "$[?(@.kind == 'RECORD' && @.subject =~ /(REVIEW_OPINION|ARBITRATION).*/)]";
        assertThat(JsonPath.<List<String>>read(archive, reviewRecords + ".subject")).containsExactly(
                "REVIEW_OPINION_OPERATIONS", "REVIEW_OPINION_MARKETING", "REVIEW_OPINION_DISPATCH", "ARBITRATION_RULING",
                "REVIEW_OPINION_DISPATCH");
        assertThat(JsonPath.<List<String>>read(archive, reviewRecords + ".addedBy"))
                .containsExactly("ops", "marketing", "dispatch", "leader", "dispatch");
        assertThat(JsonPath.<List<Integer>>read(archive, reviewRecords + ".version")).containsExactly(1, 1, 1, 1, 2);
        int reviewId = JsonPath.read(board, "$.rounds[0].reviews[2].review.id");
        mvc.perform(get("/api/reviews/{r}/signature", reviewId).with(httpBasic("dispatch", PASSWORD)))
                .andExpect(jsonPath("$.valid").value(true))
                .andExpect(jsonPath("$.statement.algorithm").value("SM3withSM2"))
                .andExpect(jsonPath("$.statement.payload").value(Matchers.containsString("verdict=RETURN")));
    }

    @Test
    @DisplayName("R-REV-4 R-X-7 the leader's ruling announces the disputed round decided where it is made, once, before the "
            + "revision is reached; a refused ruling announces nothing")
    void rulingAnnouncesTheRoundDecided() throws Exception {
        long id = hvOrder("HV_DEDICATED_LINE");
        for (String node : List.of("ACCEPTANCE", "SITE_SURVEY", "SCHEME_DESIGN")) {
            work(id, node);
        }
        Map<String, String> tasks = reviewTasks(id);
        countersign(tasks.get("REVIEWER_OPERATIONS"), "ops", "PASS", List.of("HV-3"), "电源点与回路数满足要求")
                .andExpect(status().isOk());
        countersign(tasks.get("REVIEWER_MARKETING"), "marketing", "PASS", List.of(), "").andExpect(status().isOk());
        countersign(tasks.get("REVIEWER_DISPATCH"), "dispatch", "RETURN", List.of("HV-23"),
                "东郊站 10kV 间隔已满，需改由北郊站 931 间隔接入并补充潮流计算").andExpect(status().isOk());
        String arbitration = openTaskOf(id, "LEADER");
        mvc.perform(post("/api/reviews/arbitrations/{t}/open", arbitration).with(httpBasic("leader", PASSWORD)))
                .andExpect(status().isNoContent());
        String ruling = "改由北郊站 931 间隔专线接入，补充潮流计算书";
        rule(arbitration, "MODIFY", List.of("HV-3", "HV-23"), ruling, List.of()).andExpect(status().isUnprocessableContent());
        assertThat(feed(id)).filteredOn(e -> e.startsWith("review.decided")).containsExactly("review.decided DISPUTED");

        rule(arbitration, "MODIFY", List.of("HV-3", "HV-23"), ruling, List.of("DISPATCH")).andExpect(status().isOk());

        mvc.perform(get("/api/reviews/orders/{id}", id).with(httpBasic("leader", PASSWORD)))
                .andExpect(jsonPath("$.rounds[0].round.state").value("RULED"));
        List<String> feed = feed(id);
        assertThat(feed).filteredOn(e -> e.startsWith("review.decided"))
                .containsExactly("review.decided DISPUTED", "review.decided TO_REVISE ruled");
        assertThat(feed.indexOf("review.decided TO_REVISE ruled")).isLessThan(feed.lastIndexOf("node.reached SCHEME_DESIGN"));
    }

    /** The order's events on the feed in the order recorded: the type, the node or outcome, and whether the leader ruled. */
    private List<String> feed(long id) {
        return jdbc.sql("select event_type, body from webhook_event where order_id = ? order by id").param(id)
                .query((rs, n) -> {
                    String type = rs.getString(1).substring(rs.getString(1).lastIndexOf("cn.yekuo.") + "cn.yekuo.".length());
                    Map<String, Object> data = JsonPath.read(rs.getString(2), "$.data");
                    Object what = data.containsKey("node") ? data.get("node") : data.get("outcome");
                    return type + (what == null ? "" : " " + what) + (Boolean.TRUE.equals(data.get("ruledByLeader")) ? " ruled" : "");
                }).list();
    }

    @Test
    @DisplayName("R-REV-1 an HV single-supply scheme goes to operations and marketing only, never to dispatch")
    void singleSupplySchemeSkipsDispatch() throws Exception {
        long id = hvOrder("HV_NEW_SINGLE");
        for (String node : List.of("ACCEPTANCE", "SITE_SURVEY", "SCHEME_DESIGN")) {
            work(id, node);
        }
        assertThat(reviewTasks(id)).containsOnlyKeys("REVIEWER_OPERATIONS", "REVIEWER_MARKETING");
    }

    @Test
    @DisplayName("R-REV-1 three departments countersign the same order at the same moment: no opinion is lost")
    void concurrentCountersignsLoseNothing() throws Exception {
        long id = hvOrder("HV_DEDICATED_LINE");
        for (String node : List.of("ACCEPTANCE", "SITE_SURVEY", "SCHEME_DESIGN")) {
            work(id, node);
        }
        Map<String, String> tasks = reviewTasks(id);
        Map<String, String> reviewers = Map.of("REVIEWER_OPERATIONS", "ops", "REVIEWER_MARKETING", "marketing",
                "REVIEWER_DISPATCH", "dispatch");
        for (var task : tasks.entrySet()) {
            mvc.perform(post("/api/reviews/tasks/{t}/open", task.getValue()).with(httpBasic(reviewers.get(task.getKey()), PASSWORD)))
                    .andExpect(status().isNoContent());
        }
        java.util.concurrent.CyclicBarrier together = new java.util.concurrent.CyclicBarrier(tasks.size());
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(tasks.size());
        try {
            List<java.util.concurrent.Callable<Integer>> countersigns = tasks.entrySet().stream()
                    .<java.util.concurrent.Callable<Integer>>map(task -> () -> {
                        together.await();
                        return mvc.perform(post("/api/reviews/tasks/{t}/opinion", task.getValue())
                                        .with(httpBasic(reviewers.get(task.getKey()), PASSWORD))
                                        .contentType(MediaType.APPLICATION_JSON).content(opinion("PASS", List.of(), "")))
                                .andReturn().getResponse().getStatus();
                    }).toList();
            for (var result : pool.invokeAll(countersigns)) {
                assertThat(result.get()).isEqualTo(200);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(jdbc.sql("select count(*) from review where order_id = ? and verdict = 'PASS' and signature_id is not null")
                .param(id).query(Long.class).single()).isEqualTo(3);
        mvc.perform(get("/api/applications/{id}", id).with(httpBasic("clerk", PASSWORD)))
                .andExpect(jsonPath("$.openItems[*].nodeCode").value(Matchers.contains("SCHEME_REPLY")));
    }

    @Test
    @DisplayName("R-REV-1 a countersign is finished in the reviewer's own transaction: no background job races the next reviewer, "
            + "and the last opinion moves the order on before its request answers")
    void countersignLeavesNoBackgroundJob() throws Exception {
        long id = hvOrder("HV_DEDICATED_LINE");
        for (String node : List.of("ACCEPTANCE", "SITE_SURVEY", "SCHEME_DESIGN")) {
            work(id, node);
        }
        Map<String, String> tasks = reviewTasks(id);
        String process = jdbc.sql("select id_ from act_ru_execution where business_key_ = ? and parent_id_ is null")
                .param(Long.toString(id)).query(String.class).single();
        countersign(tasks.get("REVIEWER_OPERATIONS"), "ops", "PASS", List.of(), "").andExpect(status().isOk());
        assertThat(jdbc.sql("select count(*) from act_ru_job where process_instance_id_ = ?").param(process)
                .query(Long.class).single()).isZero();
        countersign(tasks.get("REVIEWER_MARKETING"), "marketing", "PASS", List.of(), "").andExpect(status().isOk());
        countersign(tasks.get("REVIEWER_DISPATCH"), "dispatch", "PASS", List.of(), "").andExpect(status().isOk());
        mvc.perform(get("/api/applications/{id}", id).with(httpBasic("clerk", PASSWORD)))
                .andExpect(jsonPath("$.openItems[*].nodeCode").value(Matchers.contains("SCHEME_REPLY")));
    }

    @Test
    @DisplayName("R-REV-1 R-REV-3 several orders' reviews countersigned at once from many threads, while their due dates move: "
            + "every countersign succeeds once and every order moves on")
    void countersignsOfManyOrdersAtOnceAllSucceed() throws Exception {
        Map<String, String> reviewers = Map.of("REVIEWER_OPERATIONS", "ops", "REVIEWER_MARKETING", "marketing",
                "REVIEWER_DISPATCH", "dispatch");
        List<Long> orders = new java.util.ArrayList<>();
        Map<String, String> taskReviewer = new java.util.LinkedHashMap<>();
        for (int i = 0; i < 3; i++) {
            long id = hvOrder("HV_DEDICATED_LINE");
            for (String node : List.of("ACCEPTANCE", "SITE_SURVEY", "SCHEME_DESIGN")) {
                work(id, node);
            }
            orders.add(id);
            for (var task : reviewTasks(id).entrySet()) {
                mvc.perform(post("/api/reviews/tasks/{t}/open", task.getValue())
                        .with(httpBasic(reviewers.get(task.getKey()), PASSWORD))).andExpect(status().isNoContent());
                taskReviewer.put(task.getValue(), reviewers.get(task.getKey()));
            }
        }
        // A moved deadline (a resumed pause, an approved delay) touches the very task being countersigned.
        java.time.Instant due = java.time.Instant.parse("2026-12-31T08:00:00Z");
        List<java.util.concurrent.Callable<Integer>> work = new java.util.ArrayList<>();
        for (var task : taskReviewer.entrySet()) {
            work.add(() -> {
                var response = mvc.perform(post("/api/reviews/tasks/{t}/opinion", task.getKey())
                                .with(httpBasic(task.getValue(), PASSWORD))
                                .contentType(MediaType.APPLICATION_JSON).content(opinion("PASS", List.of(), "")))
                        .andReturn().getResponse();
                assertThat(response.getStatus()).as(response.getContentAsString(StandardCharsets.UTF_8)).isEqualTo(200);
                return response.getStatus();
            });
            work.add(() -> {
                try {
                    processes.changeDueDate(new TaskId(task.getKey()), due);
                } catch (org.yekuo.shared.DomainException | org.springframework.dao.DataAccessException e) {
                    // the countersign won: the task is gone, nothing to move
                } catch (RuntimeException e) {
                    if (!e.getClass().getSimpleName().contains("OptimisticLocking")) {
                        throw e;
                    }
                }
                return 200;
            });
        }
        java.util.concurrent.CyclicBarrier together = new java.util.concurrent.CyclicBarrier(work.size());
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(work.size());
        try {
            List<java.util.concurrent.Callable<Integer>> started = work.stream()
                    .<java.util.concurrent.Callable<Integer>>map(w -> () -> {
                        together.await();
                        return w.call();
                    }).toList();
            for (var result : pool.invokeAll(started)) {
                assertThat(result.get()).isEqualTo(200);
            }
        } finally {
            pool.shutdownNow();
        }
        for (long id : orders) {
            assertThat(jdbc.sql("select count(*) from review where order_id = ? and verdict = 'PASS' and signature_id is not null")
                    .param(id).query(Long.class).single()).isEqualTo(3);
            mvc.perform(get("/api/applications/{id}", id).with(httpBasic("clerk", PASSWORD)))
                    .andExpect(jsonPath("$.openItems[*].nodeCode").value(Matchers.contains("SCHEME_REPLY")));
        }
    }

    @Test
    @DisplayName("R-REV-1 a scheme cannot be withdrawn once a reviewer has opened it")
    void openedSchemeCannotBeWithdrawn() throws Exception {
        long id = orderInReview();
        openReviews(id);

        mvc.perform(post("/api/reviews/orders/{id}/withdraw", id).with(httpBasic("designer", PASSWORD)))
                .andExpect(status().isConflict()).andExpect(jsonPath("$.detail").value(Matchers.containsString("已打开")));
    }

    @Test
    @DisplayName("R-REV-3 someone else's review, a clause not in force, a vague text and another department's clause are "
            + "refused by field, and nothing is decided or signed")
    void badOpinionsAreRefusedAndSaveNothing() throws Exception {
        long id = orderInReview();
        Map<String, String> tasks = openReviews(id);
        String ops = tasks.get("REVIEWER_OPERATIONS");
        String marketing = tasks.get("REVIEWER_MARKETING");

        mvc.perform(post("/api/reviews/tasks/{t}/opinion", marketing).with(httpBasic("ops", PASSWORD))
                .contentType(MediaType.APPLICATION_JSON).content(opinion("PASS", List.of(), "")))
                .andExpect(status().isForbidden());
        mvc.perform(post("/api/reviews/tasks/{t}/opinion", ops).with(httpBasic("ops", PASSWORD))
                        .contentType(MediaType.APPLICATION_JSON).content(opinion("MODIFY", List.of("HV-99"), "请完善设计")))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[?(@.field == 'clauses')].message").value(Matchers.hasItem(Matchers.containsString("HV-99"))))
                .andExpect(jsonPath("$.errors[?(@.field == 'text')].message").value(Matchers.hasItem(Matchers.containsString("笼统"))));
        mvc.perform(post("/api/reviews/tasks/{t}/opinion", ops).with(httpBasic("ops", PASSWORD))
                        .contentType(MediaType.APPLICATION_JSON).content(opinion("MODIFY", List.of("HV-20"), "电价类别应为大工业用电")))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].message").value(Matchers.containsString("营销部门")));

        assertThat(jdbc.sql("select count(*) from review where order_id = ? and decided_at is not null").param(id)
                .query(Long.class).single()).isZero();
        assertThat(jdbc.sql("select count(*) from review_signature where payload like ?").param("%HV-99%")
                .query(Long.class).single()).isZero();
    }

    @Test
    @DisplayName("R-REV-5 a review is transferred only within its department; the colleague may delegate it and get it back, "
            + "countersigns it once, and each step is audited")
    void transferStaysInTheDepartmentAndComesBack() throws Exception {
        long id = orderInReview();
        String ops = openReviews(id).get("REVIEWER_OPERATIONS");

        mvc.perform(post("/api/reviews/tasks/{t}/transfer", ops).with(httpBasic("ops", PASSWORD))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"to\":\"marketing\"}"))
                .andExpect(status().isUnprocessableContent()).andExpect(jsonPath("$.errors[0].field").value("to"));
        mvc.perform(post("/api/reviews/tasks/{t}/transfer", ops).with(httpBasic("ops", PASSWORD))
                .contentType(MediaType.APPLICATION_JSON).content("{\"to\":\"ops.li\"}")).andExpect(status().isNoContent());
        mvc.perform(post("/api/reviews/tasks/{t}/delegate", ops).with(httpBasic("ops.li", PASSWORD))
                .contentType(MediaType.APPLICATION_JSON).content("{\"to\":\"ops\"}")).andExpect(status().isNoContent());
        mvc.perform(post("/api/reviews/tasks/{t}/opinion", ops).with(httpBasic("ops", PASSWORD))
                        .contentType(MediaType.APPLICATION_JSON).content(opinion("PASS", List.of(), "")))
                .andExpect(status().isConflict());
        mvc.perform(post("/api/reviews/tasks/{t}/hand-back", ops).with(httpBasic("ops", PASSWORD))
                .contentType(MediaType.APPLICATION_JSON).content("{\"note\":\"电源点核查无误\"}")).andExpect(status().isNoContent());
        countersign(ops, "ops.li", "PASS", List.of("HV-3"), "").andExpect(status().isOk());
        countersign(ops, "ops.li", "PASS", List.of(), "").andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value(Matchers.containsString("ops.li")));

        assertThat(audit.forSubject("application", orderNo(id))).extracting(org.yekuo.audit.AuditEntry::action)
                .contains("review.opened", "review.transferred", "review.delegated", "review.handed-back", "review.countersigned");
    }

    @Test
    @DisplayName("R-REV-5 the designer urges a review by hand, a reviewer may not, and a review that turns red is urged "
            + "automatically: each urge is an SMS to the holder's work mobile and is audited")
    void reviewIsUrgedByHandAndWhenItTurnsRed() throws Exception {
        long id = orderInReview();
        String marketing = openReviews(id).get("REVIEWER_MARKETING");
        String board = mvc.perform(get("/api/reviews/orders/{id}", id).with(httpBasic("designer", PASSWORD)))
                .andExpect(jsonPath("$.rounds[0].reviews[1].holder").value("marketing"))
                .andReturn().getResponse().getContentAsString();
        int marketingReview = JsonPath.read(board, "$.rounds[0].reviews[1].review.id");
        String orderNo = JsonPath.read(board, "$.orderNo");

        mvc.perform(post("/api/reviews/{r}/urge", marketingReview).with(httpBasic("designer", PASSWORD)))
                .andExpect(jsonPath("$.reached").value(Matchers.contains("marketing")));
        mvc.perform(post("/api/reviews/{r}/urge", marketingReview).with(httpBasic("ops", PASSWORD))).andExpect(status().isForbidden());
        transactions.executeWithoutResult(s -> events.publishEvent(new org.yekuo.deadline.NodeOverdue(id, orderNo, "SCHEME_REVIEW",
                marketing, java.util.Set.of("REVIEWER_MARKETING"), "marketing", java.time.Instant.now(), java.time.Instant.now())));

        assertThat(jdbc.sql("select count(*) from sms_outbox where business_ref = ? and template_code = 'review-urged'")
                .param(orderNo).query(Long.class).single()).isEqualTo(2);
        assertThat(audit.forSubject("application", orderNo)).extracting(org.yekuo.audit.AuditEntry::action)
                .contains("review.urged", "review.urged-automatically");
    }

    @Test
    @DisplayName("R-REV-1 a department asked to co-sign countersigns the same round, and the scheme goes on once every "
            + "department has passed it")
    void coSignerCountersignsTheSameRound() throws Exception {
        long id = orderInReview();
        Map<String, String> tasks = openReviews(id);
        String marketing = tasks.get("REVIEWER_MARKETING");
        countersign(tasks.get("REVIEWER_OPERATIONS"), "ops", "PASS", List.of("HV-3"), "").andExpect(status().isOk());

        mvc.perform(post("/api/reviews/tasks/{t}/co-signers", marketing).with(httpBasic("marketing", PASSWORD))
                .contentType(MediaType.APPLICATION_JSON).content("{\"to\":\"dispatch\"}")).andExpect(status().isNoContent());
        String coSigned = reviewTasks(id).get("REVIEWER_DISPATCH");
        countersign(coSigned, "dispatch", "PASS", List.of("HV-23"), "").andExpect(status().isOk());
        countersign(marketing, "marketing", "PASS", List.of(), "").andExpect(status().isOk());

        mvc.perform(get("/api/applications/{id}", id).with(httpBasic("clerk", PASSWORD)))
                .andExpect(jsonPath("$.openItems[*].nodeCode").value(Matchers.contains("SCHEME_REPLY")));
        assertThat(audit.forSubject("application", orderNo(id))).extracting(org.yekuo.audit.AuditEntry::action)
                .contains("review.co-signer-added");
    }

    @Test
    @DisplayName("R-REV-6 a decided review is copied to a head for information and marked as a typical case, which the month's "
            + "list and export show; both are audited")
    void copiesAndTypicalCasesAreListedAndExported() throws Exception {
        long id = orderInReview();
        String ops = openReviews(id).get("REVIEWER_OPERATIONS");
        countersign(ops, "ops", "PASS", List.of("HV-3"), "").andExpect(status().isOk());
        String board = mvc.perform(get("/api/reviews/orders/{id}", id).with(httpBasic("designer", PASSWORD)))
                .andReturn().getResponse().getContentAsString();
        String orderNo = JsonPath.read(board, "$.orderNo");

        mvc.perform(post("/api/reviews/orders/{id}/copies", id).with(httpBasic("designer", PASSWORD))
                .contentType(MediaType.APPLICATION_JSON).content("{\"to\":\"head.ops\",\"note\":\"专线方案供参阅\"}"))
                .andExpect(status().isNoContent());
        mvc.perform(get("/api/reviews/copies").with(httpBasic("head.ops", PASSWORD)))
                .andExpect(jsonPath("$[?(@.orderId == " + id + ")].note").value(Matchers.contains("专线方案供参阅")));
        int opsReview = JsonPath.read(board, "$.rounds[0].reviews[0].review.id");
        mvc.perform(post("/api/reviews/{r}/typical", opsReview).with(httpBasic("ops", PASSWORD))
                .contentType(MediaType.APPLICATION_JSON).content("{\"note\":\"运检意见引用条款完整的示例\"}")).andExpect(status().isNoContent());

        String month = java.time.YearMonth.now(java.time.ZoneId.of("Asia/Shanghai")).toString();
        mvc.perform(get("/api/reviews/typical").param("month", month).with(httpBasic("ops", PASSWORD)))
                .andExpect(jsonPath("$[?(@.orderNo == '" + orderNo + "')].review.typicalNote").value(Matchers.hasItem("运检意见引用条款完整的示例")));
        byte[] workbook = mvc.perform(get("/api/reviews/typical.xlsx").param("month", month).with(httpBasic("ops", PASSWORD)))
                .andExpect(status().isOk())
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.header()
                        .string("Content-Disposition", Matchers.containsString("typical-cases-" + month + ".xlsx")))
                .andReturn().getResponse().getContentAsByteArray();
        try (var book = new org.apache.poi.xssf.usermodel.XSSFWorkbook(new java.io.ByteArrayInputStream(workbook))) {
            var sheet = book.getSheetAt(0);
            assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).isEqualTo("工单编号");
            List<String> cases = new java.util.ArrayList<>();
            sheet.forEach(row -> cases.add(row.getCell(0).getStringCellValue() + "|" + row.getCell(2).getStringCellValue()
                    + "|" + row.getCell(8).getStringCellValue()));
            assertThat(cases).contains(orderNo + "|运检部门|运检意见引用条款完整的示例");
        }
        assertThat(audit.forSubject("application", orderNo)).extracting(org.yekuo.audit.AuditEntry::action)
                .contains("review.copied", "review.marked-typical");
    }

    /** An HV single-supply order whose scheme is with operations and marketing for review. */
    private long orderInReview() throws Exception {
        long id = hvOrder("HV_NEW_SINGLE");
        for (String node : List.of("ACCEPTANCE", "SITE_SURVEY", "SCHEME_DESIGN")) {
            work(id, node);
        }
        return id;
    }

    /** Operations and marketing open their reviews; answers the review tasks by reviewer role. */
    private Map<String, String> openReviews(long id) throws Exception {
        Map<String, String> tasks = reviewTasks(id);
        mvc.perform(post("/api/reviews/tasks/{t}/open", tasks.get("REVIEWER_OPERATIONS")).with(httpBasic("ops", PASSWORD)))
                .andExpect(status().isNoContent());
        mvc.perform(post("/api/reviews/tasks/{t}/open", tasks.get("REVIEWER_MARKETING")).with(httpBasic("marketing", PASSWORD)))
                .andExpect(status().isNoContent());
        return tasks;
    }

    private String orderNo(long id) throws Exception {
        String order = mvc.perform(get("/api/applications/{id}", id).with(httpBasic("clerk", PASSWORD)))
                .andReturn().getResponse().getContentAsString();
        return JsonPath.read(order, "$.orderNo");
    }

    @Test
    @DisplayName("R-REV-6 R-STD-1 a review marked as a typical case goes into the appendix of the manual's next edition, with "
            + "the opinion, its clauses and why it is typical")
    void typicalCaseGoesIntoTheManualsAppendix() throws Exception {
        long id = hvOrder("HV_NEW_SINGLE");
        for (String node : List.of("ACCEPTANCE", "SITE_SURVEY", "SCHEME_DESIGN")) {
            work(id, node);
        }
        countersign(reviewTasks(id).get("REVIEWER_OPERATIONS"), "ops", "MODIFY", List.of("HV-3"), "第二回路应取自不同母线段")
                .andExpect(status().isOk());
        String board = mvc.perform(get("/api/reviews/orders/{id}", id).with(httpBasic("ops", PASSWORD)))
                .andReturn().getResponse().getContentAsString();
        int review = JsonPath.<List<Integer>>read(board, "$.rounds[0].reviews[?(@.review.department == 'OPERATIONS')].review.id").get(0);
        mvc.perform(post("/api/reviews/{r}/typical", review).with(httpBasic("ops", PASSWORD))
                .contentType(MediaType.APPLICATION_JSON).content("{\"note\":\"双回路同母线段的常见错误\"}")).andExpect(status().isNoContent());
        String orderNo = JsonPath.read(mvc.perform(get("/api/applications/{id}", id).with(httpBasic("clerk", PASSWORD)))
                .andReturn().getResponse().getContentAsString(), "$.orderNo");

        String edition = mvc.perform(post("/api/manual/editions").with(httpBasic("leader", PASSWORD)).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"summary\": \"本月典型案例\", \"entries\": [{\"text\": \"收录本月典型审查案例\", \"reason\": \"月度汇编\"}]}"))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        int number = JsonPath.read(edition, "$.number");
        mvc.perform(get("/api/manual/appendix").param("edition", String.valueOf(number)).with(httpBasic("surveyor", PASSWORD)))
                .andExpect(jsonPath("$[?(@.orderNo == '" + orderNo + "')].note").value(Matchers.contains("双回路同母线段的常见错误")))
                .andExpect(jsonPath("$[?(@.orderNo == '" + orderNo + "')].edition").value(Matchers.contains(number)))
                .andExpect(jsonPath("$[?(@.orderNo == '" + orderNo + "')].clauses[0]").value(Matchers.contains("HV-3")));
        mvc.perform(get("/api/manual/editions/{n}/changes", number).with(httpBasic("surveyor", PASSWORD)))
                .andExpect(jsonPath("$[?(@.kind == 'CASES')]").isNotEmpty());
    }

    @Test
    @DisplayName("R-REV-5 a review nobody has opened is urged to every reviewer of its department; urging by hand is offered "
            + "only to those who may urge and refused again within two hours, with the time it is possible again")
    void urgingIsLimited() throws Exception {
        long id = hvOrder("HV_NEW_SINGLE");
        for (String node : List.of("ACCEPTANCE", "SITE_SURVEY", "SCHEME_DESIGN")) {
            work(id, node);
        }
        String board = mvc.perform(get("/api/reviews/orders/{id}", id).with(httpBasic("designer", PASSWORD)))
                .andReturn().getResponse().getContentAsString();
        int marketingReview = JsonPath.read(board, "$.rounds[0].reviews[1].review.id");
        String orderNo = JsonPath.read(board, "$.orderNo");
        assertThat(orderPage(id, "designer")).contains("/reviews/" + marketingReview + "/urge");
        assertThat(orderPage(id, "ops")).doesNotContain("/urge");

        // Nobody signed for it: every marketing reviewer with a work mobile gets the SMS.
        mvc.perform(post("/api/reviews/{r}/urge", marketingReview).with(httpBasic("designer", PASSWORD)))
                .andExpect(status().isOk()).andExpect(jsonPath("$.reached").value(Matchers.hasItem("marketing")));
        long sent = jdbc.sql("select count(*) from sms_outbox where business_ref = ? and template_code = 'review-urged'")
                .param(orderNo).query(Long.class).single();
        mvc.perform(post("/api/reviews/{r}/urge", marketingReview).with(httpBasic("clerk", PASSWORD)))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value(Matchers.containsString("两小时内不再重复催办")));
        assertThat(orderPage(id, "designer")).contains("data-testid=\"last-urged\"");

        // Two hours on, it may be urged again.
        jdbc.sql("update review set last_urged_at = last_urged_at - interval '2' hour where id = ?").param(marketingReview).update();
        mvc.perform(post("/api/reviews/{r}/urge", marketingReview).with(httpBasic("clerk", PASSWORD))).andExpect(status().isOk());
        assertThat(jdbc.sql("select count(*) from sms_outbox where business_ref = ? and template_code = 'review-urged'")
                .param(orderNo).query(Long.class).single()).isEqualTo(2 * sent);
    }

    String orderPage(long id, String user) throws Exception {
        return mvc.perform(get("/reviews/orders/{id}", id).with(httpBasic(user, PASSWORD))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
    }

    @Test
    @DisplayName("R-REV-1 a scheme nobody has opened is withdrawn to the designer and, resubmitted, goes to the same departments")
    void unopenedSchemeIsWithdrawn() throws Exception {
        long id = hvOrder("HV_NEW_SINGLE");
        for (String node : List.of("ACCEPTANCE", "SITE_SURVEY", "SCHEME_DESIGN")) {
            work(id, node);
        }
        mvc.perform(post("/api/reviews/orders/{id}/withdraw", id).with(httpBasic("ops", PASSWORD))).andExpect(status().isForbidden());
        mvc.perform(post("/api/reviews/orders/{id}/withdraw", id).with(httpBasic("designer", PASSWORD))
                .contentType(MediaType.APPLICATION_JSON).content("{\"note\":\"补充负荷计算\"}")).andExpect(status().isNoContent());
        assertThat(reviewTasks(id)).isEmpty();
        work(id, "SCHEME_DESIGN");
        assertThat(reviewTasks(id)).containsOnlyKeys("REVIEWER_OPERATIONS", "REVIEWER_MARKETING");
        mvc.perform(get("/api/reviews/orders/{id}", id).with(httpBasic("designer", PASSWORD)))
                .andExpect(jsonPath("$.rounds[0].round.state").value("WITHDRAWN"))
                .andExpect(jsonPath("$.rounds[1].round.state").value("OPEN"))
                .andExpect(jsonPath("$.withdrawable").value(true));
    }

    @Test
    @DisplayName("R-REV-1 an LV residential scheme never reaches dispatch (nor any countersign): it goes straight to the reply")
    void lvResidentialNeverReachesDispatch() throws Exception {
        String body = """
                {"typeCode":"LV_RES_NEW","applicantKind":"PERSON","applicantName":"张三","subjectCode":"%s",
                 "phone":"%s","supplyAddress":"示范市城东区人民路 100 号","capacity":8,"capacityUnit":"KW","agent":false}"""
                .formatted(Subjects.idNumber(), Subjects.phone());
        String created = mvc.perform(post("/api/applications").with(httpBasic("clerk", PASSWORD))
                        .header("Idempotency-Key", UUID.randomUUID().toString()).contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        long id = ((Number) JsonPath.read(created, "$.id")).longValue();
        mvc.perform(multipart("/api/applications/{id}/materials/PROPERTY_PROOF", id)
                .file(new MockMultipartFile("file", "p.pdf", "application/pdf", PDF)).with(httpBasic("clerk", PASSWORD)));
        for (String node : List.of("ACCEPTANCE", "SITE_SURVEY", "SCHEME_DESIGN")) {
            work(id, node);
        }
        mvc.perform(get("/api/applications/{id}", id).with(httpBasic("clerk", PASSWORD)))
                .andExpect(jsonPath("$.openItems[*].nodeCode").value(Matchers.contains("SCHEME_REPLY")));
        mvc.perform(get("/api/reviews/orders/{id}", id).with(httpBasic("dispatch", PASSWORD)))
                .andExpect(jsonPath("$.rounds").isEmpty());
        mvc.perform(get("/api/reviews/board").with(httpBasic("dispatch", PASSWORD)))
                .andExpect(jsonPath("$[?(@.review.orderId == " + id + ")]").isEmpty());
    }

    // --- helpers

    long hvOrder(String type) throws Exception {
        String body = """
                {"typeCode":"%s","applicantKind":"ORGANISATION","applicantName":"示范科技有限公司","subjectCode":"%s",
                 "phone":"%s","supplyAddress":"示范市东郊工业园 8 号","capacity":4000,"capacityUnit":"KVA","agent":false}"""
                .formatted(type, Subjects.creditCode(), Subjects.phone());
        String created = mvc.perform(post("/api/applications").with(httpBasic("clerk", PASSWORD))
                        .header("Idempotency-Key", UUID.randomUUID().toString()).contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        long id = ((Number) JsonPath.read(created, "$.id")).longValue();
        for (String material : List.of("LEGAL_REPRESENTATIVE_ID", "PROPERTY_OR_LAND_USE_PROOF", "EQUIPMENT_LIST", "LOAD_CALCULATION")) {
            mvc.perform(multipart("/api/applications/{id}/materials/{m}", id, material)
                    .file(new MockMultipartFile("file", material + ".pdf", "application/pdf", PDF))
                    .with(httpBasic("clerk", PASSWORD)));
        }
        return id;
    }

    void work(long id, String node) throws Exception {
        String user = HANDLERS.get(node);
        String order = mvc.perform(get("/api/applications/{id}", id).with(httpBasic(user, PASSWORD)))
                .andExpect(jsonPath("$.openItems[0].nodeCode").value(node)).andReturn().getResponse().getContentAsString();
        String taskId = JsonPath.read(order, "$.openItems[0].taskId");
        mvc.perform(post("/api/tasks/{t}/sign-for", taskId).with(httpBasic(user, PASSWORD))).andExpect(status().isOk());
        StringBuilder json = new StringBuilder("{\"fields\":{");
        FIELDS.get(node).forEach((k, v) -> json.append(json.charAt(json.length() - 1) == '{' ? "" : ",")
                .append('"').append(k).append("\":\"").append(v).append('"'));
        mvc.perform(post("/api/tasks/{t}/complete", taskId).with(httpBasic(user, PASSWORD))
                .contentType(MediaType.APPLICATION_JSON).content(json.append("}}").toString())).andExpect(status().isNoContent());
    }

    /** The designer signs for the scheme design and attaches a single-line and a metering drawing; answers their ids. */
    List<Long> attachDrawings(long id) throws Exception {
        String design = openTaskOf(id, "DESIGNER");
        mvc.perform(post("/api/tasks/{t}/sign-for", design).with(httpBasic("designer", PASSWORD))).andExpect(status().isOk());
        List<Long> ids = new java.util.ArrayList<>();
        for (String kind : List.of("SINGLE_LINE", "METERING")) {
            String created = mvc.perform(multipart("/api/tasks/{t}/drawings", design)
                            .file(new MockMultipartFile("file", kind + ".pdf", "application/pdf", SampleFiles.pdf(kind)))
                            .param("kind", kind).with(httpBasic("designer", PASSWORD)))
                    .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
            ids.add(((Number) JsonPath.read(created, "$.id")).longValue());
        }
        return ids;
    }

    /** The order's open review tasks by reviewer role. */
    Map<String, String> reviewTasks(long id) throws Exception {
        String order = mvc.perform(get("/api/applications/{id}", id).with(httpBasic("clerk", PASSWORD)))
                .andReturn().getResponse().getContentAsString();
        List<Map<String, Object>> items = JsonPath.read(order, "$.openItems[?(@.nodeCode == 'SCHEME_REVIEW')]");
        java.util.Map<String, String> byRole = new java.util.TreeMap<>();
        for (Map<String, Object> item : items) {
            @SuppressWarnings("unchecked")
            List<String> roles = (List<String>) item.get("roles");
            byRole.put(roles.get(0), (String) item.get("taskId"));
        }
        return byRole;
    }

    String openTaskOf(long id, String role) throws Exception {
        String order = mvc.perform(get("/api/applications/{id}", id).with(httpBasic("clerk", PASSWORD)))
                .andReturn().getResponse().getContentAsString();
        List<String> ids = JsonPath.read(order, "$.openItems[?('" + role + "' in @.roles)].taskId");
        assertThat(ids).as(order).hasSize(1);
        return ids.get(0);
    }

    ResultActions countersign(String taskId, String user, String verdict, List<String> clauses, String text) throws Exception {
        mvc.perform(post("/api/reviews/tasks/{t}/open", taskId).with(httpBasic(user, PASSWORD)));
        return mvc.perform(post("/api/reviews/tasks/{t}/opinion", taskId).with(httpBasic(user, PASSWORD))
                .contentType(MediaType.APPLICATION_JSON).content(opinion(verdict, clauses, text)));
    }

    ResultActions rule(String taskId, String verdict, List<String> clauses, String text, List<String> departments) throws Exception {
        String body = "{\"verdict\":\"%s\",\"clauses\":%s,\"opinion\":\"%s\",\"meeting\":\"2026-11-20 专题会：调度、运检、营销参会\",\"departments\":%s}"
                .formatted(verdict, json(clauses), text, json(departments));
        return mvc.perform(post("/api/reviews/arbitrations/{t}/ruling", taskId).with(httpBasic("leader", PASSWORD))
                .contentType(MediaType.APPLICATION_JSON).content(body));
    }

    static String opinion(String verdict, List<String> clauses, String text) {
        return "{\"verdict\":\"%s\",\"clauses\":%s,\"text\":\"%s\"}".formatted(verdict, json(clauses), text);
    }

    static String json(List<String> values) {
        return values.stream().map(v -> "\"" + v + "\"").collect(java.util.stream.Collectors.joining(",", "[", "]"));
    }
}
