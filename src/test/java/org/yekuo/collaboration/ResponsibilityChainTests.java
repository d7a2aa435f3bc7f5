package org.yekuo.collaboration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.yekuo.shared.ClockConfiguration;
import org.yekuo.stock.StockFixtures;

import com.jayway.jsonpath.JsonPath;

/**
 * A completed order's responsibility chain (R-COL-6): who signed for and completed each node, each department's review,
 * the coordination answer and the stock steps, written once at completion, shown with names on the order page and issued
 * as a signed PDF of the archive.
 */
@SpringBootTest
@AutoConfigureMockMvc
class ResponsibilityChainTests {

    static final String PASSWORD = StockFixtures.PASSWORD;
    static String today() {
        return LocalDate.now(ClockConfiguration.UTILITY_ZONE).toString();
    }

    static final Map<String, String> HANDLERS = Map.of("SCHEME_REPLY", "clerk", "DESIGN_REVIEW", "ops", "INTERMEDIATE_INSPECTION", "inspector",
            "SUPPLY_WORKS", "materials", "COMPLETION_ACCEPTANCE", "inspector", "CONTRACT", "clerk", "METER_INSTALLATION", "inspector",
            "POWER_ON", "inspector");
    static Map<String, Map<String, String>> fields() {
        return Map.of(
                "SCHEME_REPLY", Map.of("replyDate", today()),
                "DESIGN_REVIEW", Map.of("outcome", "PASS"),
                "INTERMEDIATE_INSPECTION", Map.of("inspectionDate", today(), "outcome", "PASS"),
                "SUPPLY_WORKS", Map.of("worksSummary", "物资已到位，电缆敷设完成"),
                "COMPLETION_ACCEPTANCE", Map.of("inspectionDate", today(), "outcome", "PASS"),
                "CONTRACT", Map.of("contractNo", "HT-2026-019", "customerNo", "3300190019"),
                "METER_INSTALLATION", Map.of("meterNo", "DB-0019", "meterReading", "0"),
                "POWER_ON", Map.of("poweredOnDate", today()));
    }

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @TempDir
    Path temp;

    @Test
    @DisplayName("R-COL-6 R-COL-5 an order powered on has its chain written: each hand-off and node with its person, both departments'"
            + " opinions, the coordination answer and the stock steps, in time order; names as staff read them, and unchanged later")
    void completedOrderHasItsResponsibilityChain() throws Exception {
        long id = completedOrder();

        String chain = mvc.perform(get("/api/orders/{id}/responsibility-chain", id).with(httpBasic("clerk", PASSWORD)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        List<Map<String, Object>> links = JsonPath.read(chain, "$.links");
        assertThat(links).extracting(l -> l.get("seq")).containsExactlyElementsOf(
                java.util.stream.IntStream.rangeClosed(1, links.size()).boxed().toList());
        assertThat(links).extracting(l -> java.time.Instant.parse((String) l.get("occurredAt"))).isSorted();
        // Every node of the HV path was signed for and completed, each by its own person.
        for (String node : List.of("ACCEPTANCE", "SITE_SURVEY", "SCHEME_DESIGN", "SCHEME_REPLY", "DESIGN_REVIEW", "INTERMEDIATE_INSPECTION",
                "SUPPLY_WORKS", "COMPLETION_ACCEPTANCE", "CONTRACT", "METER_INSTALLATION", "POWER_ON")) {
            assertThat(step(links, "SIGNED_FOR", node)).as(node).isNotEmpty();
            assertThat(step(links, "COMPLETED", node)).as(node).hasSize(1);
        }
        assertThat(step(links, "COMPLETED", "SITE_SURVEY").get(0)).containsEntry("actor", "surveyor").containsEntry("actorName", "李勘查");
        assertThat(step(links, "COMPLETED", "POWER_ON").get(0)).containsEntry("actor", "inspector");
        // The review: one opinion per department, no bare completion.
        assertThat(step(links, "REVIEWED", "SCHEME_REVIEW")).extracting(l -> l.get("party") + "/" + l.get("actor") + "/" + l.get("outcome"))
                .containsExactlyInAnyOrder("OPERATIONS/ops/PASS", "MARKETING/marketing/PASS");
        assertThat(step(links, "COMPLETED", "SCHEME_REVIEW")).isEmpty();
        // The coordination question asked by the designer and answered by operations; the clerk's stock steps.
        assertThat(links).filteredOn(l -> "ASKED".equals(l.get("step"))).extracting(l -> l.get("actor")).containsExactly("designer");
        assertThat(links).filteredOn(l -> "ANSWERED".equals(l.get("step"))).extracting(l -> l.get("actor")).containsExactly("ops");
        assertThat(links).filteredOn(l -> ((String) l.get("step")).startsWith("STOCK_")).extracting(l -> l.get("step") + "/" + l.get("actor"))
                .containsExactly("STOCK_CONFIRMED/materials", "STOCK_ISSUED/materials");
        // The hand-off of a node comes before its completion.
        assertThat(seq(links, "SIGNED_FOR", "POWER_ON")).isLessThan(seq(links, "COMPLETED", "POWER_ON"));

        // Written once: the completion's own writer and every later reading find the same rows.
        long rows = jdbc.sql("select count(*) from responsibility_link where order_id = ?").param(id).query(Long.class).single();
        assertThat(rows).isEqualTo(links.size());
        waitForCompletionListener(id);
        mvc.perform(get("/api/orders/{id}/responsibility-chain", id).with(httpBasic("designer", PASSWORD)))
                .andExpect(jsonPath("$.links.length()").value(links.size()));
        assertThat(jdbc.sql("select count(*) from audit_record where action = 'collaboration.chain.generated' and subject_id ="
                + " (select order_no from application where id = ?)").param(id).query(Long.class).single()).isEqualTo(1);
        // Names, not usernames or codes, on the order page's panel; the graph's data beside the list.
        String panel = mvc.perform(get("/responsibility-chains/orders/{id}/panel", id).with(httpBasic("clerk", PASSWORD)))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("data-testid=\"chain-graph\"")))
                .andExpect(content().string(Matchers.containsString("李勘查")))
                .andExpect(content().string(Matchers.containsString("运检部门")))
                .andExpect(content().string(Matchers.containsString("现场勘查")))
                .andReturn().getResponse().getContentAsString();
        List<String> people = java.util.regex.Pattern.compile("data-testid=\"chain-person\">([^<]*)<").matcher(panel).results()
                .map(m -> m.group(1)).toList();
        assertThat(people).hasSize(links.size()).doesNotContain("surveyor", "inspector", "ops", "materials", "clerk");
        String list = panel.substring(panel.indexOf("data-testid=\"chain-list\""), panel.indexOf("</ol>")).replaceAll("<[^>]*>", " ");
        assertThat(list.substring(list.indexOf('>') + 1)).doesNotContain("SIGNED_FOR", "SCHEME_REVIEW", "OPERATIONS", "PASS");
        // Another station's staff do not see it.
        mvc.perform(get("/api/orders/{id}/responsibility-chain", id).with(httpBasic("clerk.west", PASSWORD))).andExpect(status().isNotFound());
    }

    @Test
    @DisplayName("R-COL-6 R-DOC-3 a department head issues the chain as a signed PDF of the archive, once; others may not; before"
            + " completion there is no chain")
    void chainIsIssuedAsASignedRecord() throws Exception {
        StockFixtures fixtures = new StockFixtures(mvc, jdbc);
        StockFixtures.DesignOrder open = fixtures.orderAtDesign();
        mvc.perform(get("/api/orders/{id}/responsibility-chain", open.id()).with(httpBasic("clerk", PASSWORD)))
                .andExpect(status().isConflict()).andExpect(jsonPath("$.detail").value(Matchers.containsString("尚未竣工送电")));
        mvc.perform(get("/responsibility-chains/orders/{id}/panel", open.id()).with(httpBasic("clerk", PASSWORD)))
                .andExpect(content().string(Matchers.containsString("data-testid=\"chain-pending\"")));
        mvc.perform(post("/api/orders/{id}/responsibility-chain/record", open.id()).with(httpBasic("head.east", PASSWORD)))
                .andExpect(status().isConflict());

        long id = completedOrder();
        mvc.perform(post("/api/orders/{id}/responsibility-chain/record", id).with(httpBasic("clerk", PASSWORD)))
                .andExpect(status().isForbidden());
        String issued = mvc.perform(post("/api/orders/{id}/responsibility-chain/record", id).with(httpBasic("head.east", PASSWORD)))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        long document = ((Number) JsonPath.read(issued, "$.documentId")).longValue();
        // Issued once: the chain cannot have changed, so a second issue answers with the same record.
        mvc.perform(post("/api/orders/{id}/responsibility-chain/record", id).with(httpBasic("leader", PASSWORD)))
                .andExpect(status().isCreated()).andExpect(jsonPath("$.documentId").value(document));
        String archive = mvc.perform(get("/api/orders/{id}/documents", id).with(httpBasic("clerk", PASSWORD)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(JsonPath.<List<String>>read(archive, "$[?(@.subject == 'RESPONSIBILITY_CHAIN')].kind")).containsExactly("RECORD");
        mvc.perform(get("/responsibility-chains/orders/{id}/panel", id).with(httpBasic("clerk", PASSWORD)))
                .andExpect(content().string(Matchers.containsString("data-testid=\"chain-record\"")));

        byte[] original = mvc.perform(get("/documents/{d}/original", document).with(httpBasic("archivist", PASSWORD)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
        try (PDDocument pdf = Loader.loadPDF(original)) {
            assertThat(new PDFTextStripper().getText(pdf).replaceAll("\\s+", "")).contains("业扩报装责任链").contains("李勘查")
                    .contains("现场勘查").contains("签收").contains("审查意见：通过（营销部门）").contains("签名人：");
        }
        Path signed = temp.resolve("chain.pdf");
        Files.write(signed, original);
        Process pdfsig = new ProcessBuilder("/usr/bin/pdfsig", signed.toString()).redirectErrorStream(true).start();
        String report = new String(pdfsig.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        pdfsig.waitFor(60, TimeUnit.SECONDS);
        assertThat(report).contains("Signature is Valid").contains("Total document signed");
        assertThat(jdbc.sql("select count(*) from audit_record where action = 'collaboration.chain.issued' and subject_id ="
                + " (select order_no from application where id = ?)").param(id).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    @DisplayName("R-COL-6 a quality problem filed on a completed order is traced through its chain to whoever completed the node, or"
            + " for the review to that department's reviewer, audited, listed on the order and counted in the month's figures per person"
            + " and per station")
    void qualityProblemIsTracedToItsPersonAndCounted() throws Exception {
        long id = completedOrder();
        fileProblem(id, "head.east", "SURVEY_DATA", "现场勘查记录的供电距离与实际不符，导致电缆长度不够", "SITE_SURVEY", null)
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.responsible").value("surveyor"))
                .andExpect(jsonPath("$.responsibleName").value("李勘查"))
                .andExpect(jsonPath("$.nodeCode").value("SITE_SURVEY"));
        fileProblem(id, "leader", "REVIEW_OMISSION", "营销审查未发现计量方式与电价类别不匹配", "SCHEME_REVIEW", "MARKETING")
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.responsible").value("marketing"))
                .andExpect(jsonPath("$.department").value("MARKETING"));
        mvc.perform(get("/api/orders/{id}/quality-problems", id).with(httpBasic("clerk", PASSWORD)))
                .andExpect(status().isOk()).andExpect(jsonPath("$.length()").value(2))
                .andExpect(jsonPath("$[0].filedByName").value(Matchers.not("leader")));
        assertThat(jdbc.sql("select count(*) from audit_record where action = 'collaboration.quality.filed' and subject_id ="
                + " (select order_no from application where id = ?)").param(id).query(Long.class).single()).isEqualTo(2);

        // The order page's chain panel lists them with the person responsible by name.
        String panel = mvc.perform(get("/responsibility-chains/orders/{id}/panel", id).with(httpBasic("clerk", PASSWORD)))
                .andReturn().getResponse().getContentAsString();
        assertThat(panel).contains("data-testid=\"quality-problems\"").contains("勘查数据有误").contains("审查疏漏").contains("营销部门");
        // The month's figures count them per person responsible and per station, beside the ratings.
        String dashboard = mvc.perform(get("/evaluations").with(httpBasic("head.east", PASSWORD)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        String byPerson = dashboard.substring(dashboard.indexOf("data-testid=\"quality-by-person\""), dashboard.indexOf("data-testid=\"quality-by-station\""));
        assertThat(byPerson).contains("李勘查").contains("吴营销");
        assertThat(dashboard.substring(dashboard.indexOf("data-testid=\"quality-by-station\""))).contains("城东供电所");
    }

    @Test
    @DisplayName("R-COL-6 a quality problem with a bad node, department, category or description, or on an order not completed, is refused"
            + " naming each field in Chinese and English, and nothing is filed; only department heads and the leader file one")
    void badQualityProblemsAreRefused() throws Exception {
        long id = completedOrder();
        long before = problems(id);
        fileProblem(id, "head.east", "WEATHER", " ", "PAYMENT", null)
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[*].field").value(Matchers.containsInAnyOrder("category", "description", "nodeCode")))
                .andExpect(jsonPath("$.errors[?(@.field == 'nodeCode')].message").value(Matchers.hasItem(Matchers.containsString("责任链"))))
                .andExpect(jsonPath("$.errors[?(@.field == 'category')].message").value(Matchers.hasItem(Matchers.containsString("勘查数据"))));
        mvc.perform(post("/api/orders/{id}/quality-problems", id).with(httpBasic("head.east", PASSWORD)).header("Accept-Language", "en")
                        .contentType(MediaType.APPLICATION_JSON).content("""
                                {"category":"METERING","description":"%s","nodeCode":"SCHEME_REVIEW","department":"DISPATCH"}"""
                                .formatted("计".repeat(1001))))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[?(@.field == 'description')].message").value(Matchers.hasItem(Matchers.containsString("up to 1000"))))
                .andExpect(jsonPath("$.errors[?(@.field == 'department')].message").value(Matchers.hasItem(Matchers.containsString("did not review"))));
        fileProblem(id, "clerk", "METERING", "表计接线错误", "METER_INSTALLATION", null).andExpect(status().isForbidden());
        assertThat(problems(id)).isEqualTo(before);

        StockFixtures.DesignOrder open = new StockFixtures(mvc, jdbc).orderAtDesign();
        fileProblem(open.id(), "head.east", "SURVEY_DATA", "勘查数据有误", "SITE_SURVEY", null)
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("orderId"))
                .andExpect(jsonPath("$.errors[0].message").value(Matchers.containsString("尚未竣工送电")));
        // The form says the same beside what was entered, and keeps it.
        mvc.perform(post("/quality-problems/orders/{id}", id).with(httpBasic("head.east", PASSWORD))
                        .with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf())
                        .param("category", "CONSTRUCTION").param("target", "SUPPLY_WORKS").param("description", ""))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().string(Matchers.containsString("请描述发现的质量问题")))
                .andExpect(content().string(Matchers.containsString("value=\"SUPPLY_WORKS\" selected")));
        mvc.perform(post("/quality-problems/orders/{id}", id).with(httpBasic("head.east", PASSWORD))
                        .with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf())
                        .param("category", "CONSTRUCTION").param("target", "SCHEME_REVIEW:OPERATIONS").param("description", "电缆终端头制作不规范"))
                .andExpect(status().is3xxRedirection());
        assertThat(jdbc.sql("select responsible from quality_problem where order_id = ?").param(id).query(String.class).list())
                .containsExactly("ops");
    }

    ResultActions fileProblem(long id, String user, String category, String description, String node, String department) throws Exception {
        return mvc.perform(post("/api/orders/{id}/quality-problems", id).with(httpBasic(user, PASSWORD))
                .contentType(MediaType.APPLICATION_JSON).content("{\"category\":\"%s\",\"description\":\"%s\",\"nodeCode\":\"%s\",\"department\":%s}"
                        .formatted(category, description, node, department == null ? "null" : "\"" + department + "\"")));
    }

    long problems(long id) {
        return jdbc.sql("select count(*) from quality_problem where order_id = ?").param(id).query(Long.class).single();
    }

    /** An HV order with a bill of materials, a coordination question and both reviews, worked to power-on. */
    long completedOrder() throws Exception {
        StockFixtures fixtures = new StockFixtures(mvc, jdbc);
        long warehouse = fixtures.warehouse(Map.of("MTR-3P-CT", 4));
        StockFixtures.DesignOrder order = fixtures.orderAtDesign();
        long id = order.id();
        mvc.perform(post("/api/stock/tasks/{t}/bom", order.task()).with(httpBasic("designer", PASSWORD))
                .contentType(MediaType.APPLICATION_JSON).content("{\"itemCode\":\"MTR-3P-CT\",\"quantity\":1}")).andExpect(status().isOk());
        String asked = mvc.perform(post("/api/coordination/orders/{o}/questions", id).with(httpBasic("designer", PASSWORD))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"departmentId\":%s,\"subject\":\"线路走廊\",\"text\":\"%s\"}"
                                .formatted(unit("YK-OPS"), "东郊工业园路径走廊是否需要运检部现场确认？")))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        long question = ((Number) JsonPath.read(asked, "$.question.id")).longValue();
        mvc.perform(post("/api/coordination/questions/{q}/answer", question).with(httpBasic("ops", PASSWORD))
                .contentType(MediaType.APPLICATION_JSON).content("{\"text\":\"无需现场确认，按既有走廊敷设。\"}")).andExpect(status().isNoContent());
        fixtures.complete(order.task(), "SCHEME_DESIGN");
        fixtures.approve(id);
        work(id, "SCHEME_REPLY");
        mvc.perform(post("/api/stock/requests/{id}/confirm", id).with(httpBasic("materials", PASSWORD))
                .contentType(MediaType.APPLICATION_JSON).content("{\"warehouseId\":" + warehouse + "}")).andExpect(status().isOk());
        work(id, "DESIGN_REVIEW");
        work(id, "INTERMEDIATE_INSPECTION");
        mvc.perform(post("/api/stock/requests/{id}/issue", id).with(httpBasic("materials", PASSWORD))).andExpect(status().isNoContent());
        for (String node : List.of("SUPPLY_WORKS", "COMPLETION_ACCEPTANCE", "CONTRACT", "METER_INSTALLATION", "POWER_ON")) {
            work(id, node);
        }
        mvc.perform(get("/api/applications/{id}", id).with(httpBasic("clerk", PASSWORD))).andExpect(jsonPath("$.status").value("COMPLETED"));
        return id;
    }

    /** The completion's listener runs after the commit; wait until it has had its turn so the count above is final. */
    void waitForCompletionListener(long id) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            long open = jdbc.sql("select count(*) from event_publication where completion_date is null and listener_id like ?"
                    + " and serialized_event like ?").params("%ResponsibilityChains%", "%\"orderId\":" + id + ",%").query(Long.class).single();
            if (open == 0) {
                return;
            }
            Thread.sleep(100);
        }
    }

    void work(long id, String node) throws Exception {
        String user = HANDLERS.get(node);
        String order = mvc.perform(get("/api/applications/{id}", id).with(httpBasic(user, PASSWORD)))
                .andExpect(jsonPath("$.openItems[0].nodeCode").value(node)).andReturn().getResponse().getContentAsString();
        String task = JsonPath.read(order, "$.openItems[0].taskId");
        mvc.perform(post("/api/tasks/{t}/sign-for", task).with(httpBasic(user, PASSWORD))).andExpect(status().isOk());
        complete(task, user, fields().get(node)).andExpect(status().isNoContent());
    }

    ResultActions complete(String task, String user, Map<String, String> fields) throws Exception {
        StringBuilder json = new StringBuilder("{\"fields\":{");
        fields.forEach((k, v) -> json.append(json.charAt(json.length() - 1) == '{' ? "" : ",")
                .append('"').append(k).append("\":\"").append(v).append('"'));
        return mvc.perform(post("/api/tasks/{t}/complete", task).with(httpBasic(user, PASSWORD))
                .contentType(MediaType.APPLICATION_JSON).content(json.append("}}").toString()));
    }

    long unit(String code) {
        return jdbc.sql("select id from org_unit where code = ?").param(code).query(Long.class).single();
    }

    static List<Map<String, Object>> step(List<Map<String, Object>> links, String step, String node) {
        return links.stream().filter(l -> step.equals(l.get("step")) && node.equals(l.get("nodeCode"))).toList();
    }

    static int seq(List<Map<String, Object>> links, String step, String node) {
        return (Integer) step(links, step, node).get(0).get("seq");
    }
}
