package org.yekuo.stock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.yekuo.identity.CurrentUser;
import org.yekuo.identity.Role;
import org.yekuo.support.SampleFiles;
import org.yekuo.support.Subjects;

import com.jayway.jsonpath.JsonPath;

/** Orders driven to the scheme design and past its approval over the REST API, and warehouses of a test's own. */
public final class StockFixtures {

    public static final String PASSWORD = "Yekuo@2026";

    static final Map<String, Map<String, String>> FIELDS = Map.of(
            "ACCEPTANCE", Map.of(),
            "SITE_SURVEY", Map.of("meterPosition", "配电室", "supplyPoint", "110kV 东郊站", "distanceMetres", "1200",
                    "surveyOpinion", "具备接入条件"),
            "SCHEME_DESIGN", Map.of("supplyVoltage", "10kV", "supplyPoint", "110kV 东郊站 10kV 东12线", "meteringMethod", "HV_HV",
                    "tariffCategory", "LARGE_INDUSTRIAL", "schemeSummary", "东郊站 10kV 单电源接入"));
    static final Map<String, String> HANDLERS = Map.of("ACCEPTANCE", "clerk", "SITE_SURVEY", "surveyor", "SCHEME_DESIGN", "designer");

    private final MockMvc mvc;
    private final JdbcClient jdbc;

    public StockFixtures(MockMvc mvc, JdbcClient jdbc) {
        this.mvc = mvc;
        this.jdbc = jdbc;
    }

    /** An order and its scheme design task. */
    public record DesignOrder(long id, String task) {
    }

    /** A new HV single-supply order whose designer has signed for the scheme design. */
    public DesignOrder orderAtDesign() throws Exception {
        String body = """
                {"typeCode":"HV_NEW_SINGLE","applicantKind":"ORGANISATION","applicantName":"示范材料有限公司","subjectCode":"%s",
                 "phone":"%s","supplyAddress":"示范市东郊工业园 9 号","capacity":800,"capacityUnit":"KVA","agent":false}"""
                .formatted(Subjects.creditCode(), Subjects.phone());
        String created = mvc.perform(post("/api/applications").with(httpBasic("clerk", PASSWORD))
                        .header("Idempotency-Key", UUID.randomUUID().toString()).contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        long id = ((Number) JsonPath.read(created, "$.id")).longValue();
        for (String material : List.of("LEGAL_REPRESENTATIVE_ID", "PROPERTY_OR_LAND_USE_PROOF", "EQUIPMENT_LIST", "LOAD_CALCULATION")) {
            mvc.perform(multipart("/api/applications/{id}/materials/{m}", id, material)
                    .file(new MockMultipartFile("file", material + ".pdf", "application/pdf", SampleFiles.PDF))
                    .with(httpBasic("clerk", PASSWORD)));
        }
        work(id, "ACCEPTANCE");
        work(id, "SITE_SURVEY");
        String task = signFor(id, "SCHEME_DESIGN");
        return new DesignOrder(id, task);
    }

    public String signFor(long id, String node) throws Exception {
        String user = HANDLERS.get(node);
        String order = mvc.perform(get("/api/applications/{id}", id).with(httpBasic(user, PASSWORD)))
                .andExpect(jsonPath("$.openItems[0].nodeCode").value(node)).andReturn().getResponse().getContentAsString();
        String taskId = JsonPath.read(order, "$.openItems[0].taskId");
        mvc.perform(post("/api/tasks/{t}/sign-for", taskId).with(httpBasic(user, PASSWORD))).andExpect(status().isOk());
        return taskId;
    }

    public void complete(String taskId, String node) throws Exception {
        StringBuilder json = new StringBuilder("{\"fields\":{");
        FIELDS.get(node).forEach((k, v) -> json.append(json.charAt(json.length() - 1) == '{' ? "" : ",")
                .append('"').append(k).append("\":\"").append(v).append('"'));
        mvc.perform(post("/api/tasks/{t}/complete", taskId).with(httpBasic(HANDLERS.get(node), PASSWORD))
                .contentType(MediaType.APPLICATION_JSON).content(json.append("}}").toString())).andExpect(status().isNoContent());
    }

    public void work(long id, String node) throws Exception {
        complete(signFor(id, node), node);
    }

    /** Operations and marketing pass the scheme: the order moves on to the scheme reply. */
    public void approve(long id) throws Exception {
        String order = mvc.perform(get("/api/applications/{id}", id).with(httpBasic("clerk", PASSWORD)))
                .andReturn().getResponse().getContentAsString();
        List<Map<String, Object>> items = JsonPath.read(order, "$.openItems[?(@.nodeCode == 'SCHEME_REVIEW')]");
        assertThat(items).hasSize(2);
        for (Map<String, Object> item : items) {
            @SuppressWarnings("unchecked")
            String role = ((List<String>) item.get("roles")).get(0);
            String user = "REVIEWER_OPERATIONS".equals(role) ? "ops" : "marketing";
            String taskId = (String) item.get("taskId");
            mvc.perform(post("/api/reviews/tasks/{t}/open", taskId).with(httpBasic(user, PASSWORD)));
            mvc.perform(post("/api/reviews/tasks/{t}/opinion", taskId).with(httpBasic(user, PASSWORD))
                    .contentType(MediaType.APPLICATION_JSON).content("{\"verdict\":\"PASS\",\"clauses\":[],\"text\":\"\"}"))
                    .andExpect(status().isOk());
        }
        mvc.perform(get("/api/applications/{id}", id).with(httpBasic("clerk", PASSWORD)))
                .andExpect(jsonPath("$.openItems[0].nodeCode").value("SCHEME_REPLY"));
    }

    public String companyPath() {
        return jdbc.sql("select path from org_unit where code = 'YK'").query(String.class).single();
    }

    /** A company warehouse of the test's own, holding {@code stock} (item code to quantity on hand). */
    public long warehouse(Map<String, Integer> stock) {
        String code = "WH-T-" + UUID.randomUUID().toString().substring(0, 8);
        jdbc.sql("insert into stock_warehouse (code, name_zh, name_en, kind, org_path) values (?, '测试仓库', 'Test store', 'COMPANY', ?)")
                .params(code, companyPath()).update();
        long id = jdbc.sql("select id from stock_warehouse where code = ?").param(code).query(Long.class).single();
        stock.forEach((item, q) -> jdbc.sql("insert into stock_level (warehouse_id, item_id, on_hand, threshold)"
                + " select ?, id, ?, 1 from stock_item where code = ?").params(id, BigDecimal.valueOf(q), item).update());
        return id;
    }

    public BigDecimal[] level(long warehouse, String item) {
        return jdbc.sql("select l.on_hand, l.reserved from stock_level l join stock_item i on i.id = l.item_id"
                        + " where l.warehouse_id = ? and i.code = ?").params(warehouse, item)
                .query((rs, n) -> new BigDecimal[] {rs.getBigDecimal(1), rs.getBigDecimal(2)}).single();
    }

    CurrentUser materialsClerk() {
        record Staff(long id, long orgUnitId) {
        }
        Staff staff = jdbc.sql("select id, org_unit_id from staff where username = 'materials'").query(Staff.class).single();
        String path = companyPath();
        return new CurrentUser(staff.id(), "materials", "钱物资", staff.orgUnitId(), "物资部", "Materials Department",
                path, path, Set.of(Role.MATERIALS_CLERK));
    }
}
