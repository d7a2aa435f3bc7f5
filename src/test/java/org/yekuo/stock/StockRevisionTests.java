package org.yekuo.stock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.flowable.engine.RuntimeService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.transaction.support.TransactionTemplate;
import org.yekuo.shared.ClockConfiguration;

import com.jayway.jsonpath.JsonPath;

/**
 * A bill of materials revised with its scheme after it went to stock (R-COL-2, R-COL-7), on PostgreSQL: the request follows
 * the revised bill in one transaction, once however often the revision arrives.
 */
@SpringBootTest
@AutoConfigureMockMvc
class StockRevisionTests {

    static final String PASSWORD = StockFixtures.PASSWORD;

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    StockRequests requests;

    @Autowired
    StockStepDeadlines deadlines;

    @Autowired
    TransactionTemplate tx;

    @Autowired
    RuntimeService runtime;

    StockFixtures fixtures;

    @BeforeEach
    void fixtures() {
        fixtures = new StockFixtures(mvc, jdbc);
    }

    @Test
    @DisplayName("R-COL-2 R-COL-7 a redesign after the push changes the stock request: reservations no longer needed are released,"
            + " new and increased lines wait for a new confirmation with its own 2 working hours and only they are reserved then,"
            + " the clerk sees what changed; the same revision twice acts once; cutting below what was issued asks for a return,"
            + " which the clerk records when the goods are back")
    void revisedBillChangesTheRequest() throws Exception {
        long warehouse = fixtures.warehouse(Map.of("MTR-3P-CT", 10, "CBL-YJV22-3x70", 500, "TRF-S13-400", 2, "SWG-RMU-12", 3));
        StockFixtures.DesignOrder order = fixtures.orderAtDesign();
        long id = order.id();
        bom(order.task(), "MTR-3P-CT", "4").andExpect(status().isOk());
        bom(order.task(), "CBL-YJV22-3x70", "200").andExpect(status().isOk());
        bom(order.task(), "TRF-S13-400", "1").andExpect(status().isOk());
        fixtures.complete(order.task(), "SCHEME_DESIGN");
        fixtures.approve(id);
        complete(signFor(id, "clerk", "SCHEME_REPLY"), "clerk", Map.of("replyDate", today())).andExpect(status().isNoContent());
        confirm(id, warehouse).andExpect(status().isOk()).andExpect(jsonPath("$.status").value("RESERVED"));
        assertThat(fixtures.level(warehouse, "CBL-YJV22-3x70")[1]).isEqualByComparingTo("200");

        // The design review sends the scheme back; the designer changes the bill of the pushed scheme.
        complete(signFor(id, "ops", "DESIGN_REVIEW"), "ops", Map.of("outcome", "FAIL", "reason", "变压器改由用户自备，电缆路径缩短"))
                .andExpect(status().isNoContent());
        String redesign = signFor(id, "designer", "SCHEME_DESIGN");
        bom(redesign, "MTR-3P-CT", "6").andExpect(status().isOk());
        bom(redesign, "CBL-YJV22-3x70", "150").andExpect(status().isOk());
        bom(redesign, "SWG-RMU-12", "1").andExpect(status().isOk());
        long transformer = jdbc.sql("select b.id from stock_bom_line b join stock_item i on i.id = b.item_id where b.order_id = ?"
                + " and i.code = 'TRF-S13-400'").param(id).query(Long.class).single();
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete("/api/stock/tasks/{t}/bom/{l}", redesign, transformer).with(httpBasic("designer", PASSWORD)))
                .andExpect(status().is2xxSuccessful());
        // Nothing reaches stock while the revision is not approved.
        assertThat(requests.find(id).orElseThrow().status()).isEqualTo(StockRequest.Status.RESERVED);
        fixtures.complete(redesign, "SCHEME_DESIGN");
        acknowledgeAll(id);
        fixtures.approve(id);

        StockRequest revised = requests.find(id).orElseThrow();
        assertThat(revised.status()).isEqualTo(StockRequest.Status.PENDING);
        // The confirmation's 2 working hours start again from the revision's approval, with a clock of their own.
        assertThat(revised.confirmDueAt()).isAfter(revised.checkedAt());
        assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(StockRequests.CONFIRM_CLOCK + ":" + revised.id())
                .count()).isOne();
        // What is no longer needed is free stock again; the rest stays reserved.
        assertThat(fixtures.level(warehouse, "CBL-YJV22-3x70")[1]).isEqualByComparingTo("150");
        assertThat(fixtures.level(warehouse, "TRF-S13-400")[1]).isEqualByComparingTo("0");
        assertThat(fixtures.level(warehouse, "MTR-3P-CT")[1]).isEqualByComparingTo("4");
        assertThat(changeLines(id)).containsExactlyInAnyOrder("CBL-YJV22-3x70 200->150 released=50 requested=0 return=0",
                "MTR-3P-CT 4->6 released=0 requested=2 return=0", "SWG-RMU-12 null->1 released=0 requested=1 return=0",
                "TRF-S13-400 1->null released=1 requested=0 return=0");

        // The same revision arriving again changes nothing.
        tx.executeWithoutResult(s -> requests.revise(id, revised.pushedAt()));
        assertThat(jdbc.sql("select count(*) from stock_request_change c join stock_request r on r.id = c.request_id where r.order_id = ?")
                .param(id).query(Long.class).single()).isOne();
        assertThat(fixtures.level(warehouse, "CBL-YJV22-3x70")[1]).isEqualByComparingTo("150");

        // The clerk sees what changed, and confirms only the new and increased lines.
        String page = mvc.perform(get("/stock/requests/{o}", id).with(httpBasic("materials", PASSWORD)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).contains("data-testid=\"revisions\"").contains("已释放预留 50").contains("待确认 2").contains("新增");
        assertThat(mvc.perform(get("/stock/requests").with(httpBasic("materials", PASSWORD))).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8)).contains("清单已变更");
        confirm(id, warehouse).andExpect(status().isOk()).andExpect(jsonPath("$.status").value("RESERVED"));
        assertThat(fixtures.level(warehouse, "MTR-3P-CT")[1]).isEqualByComparingTo("6");
        assertThat(fixtures.level(warehouse, "SWG-RMU-12")[1]).isEqualByComparingTo("1");
        assertThat(fixtures.level(warehouse, "CBL-YJV22-3x70")[1]).isEqualByComparingTo("150");
        mvc.perform(post("/api/stock/requests/{id}/issue", id).with(httpBasic("materials", PASSWORD))).andExpect(status().isNoContent());
        assertThat(fixtures.level(warehouse, "MTR-3P-CT")).containsExactly(new BigDecimal("4.00"), new BigDecimal("0.00"));

        // A later revision cuts a line below what was issued: nothing is lost, a return is asked for.
        jdbc.sql("update stock_bom_line set quantity = 5 where order_id = ? and item_id = (select id from stock_item where code = 'MTR-3P-CT')")
                .param(id).update();
        tx.executeWithoutResult(s -> requests.revise(id, revised.pushedAt()));
        assertThat(requests.find(id).orElseThrow().status()).isEqualTo(StockRequest.Status.ISSUED);
        assertThat(changeLines(id)).contains("MTR-3P-CT 6->5 released=0 requested=0 return=1");
        assertThat(mvc.perform(get("/stock/requests/{o}", id).with(httpBasic("materials", PASSWORD))).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8)).contains("已出库，待退库 1");
        assertThat(jdbc.sql("select count(*) from audit_record where action = 'stock.request.revised' and subject_id ="
                + " (select order_no from application where id = ?)").param(id).query(Long.class).single()).isEqualTo(2);

        // The clerk records the meter back on the shelf; then nothing is left to return.
        returnItem(id, "CBL-YJV22-3x70").andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("itemCode"));
        returnItem(id, "MTR-3P-CT").andExpect(status().isNoContent());
        assertThat(fixtures.level(warehouse, "MTR-3P-CT")).containsExactly(new BigDecimal("5.00"), new BigDecimal("0.00"));
        assertThat(requests.toReturn(id)).isEmpty();
        returnItem(id, "MTR-3P-CT").andExpect(status().isUnprocessableContent());
        assertThat(jdbc.sql("select count(*) from stock_movement where order_id = ? and kind = 'RETURN'").param(id)
                .query(Long.class).single()).isOne();
    }

    ResultActions returnItem(long orderId, String item) throws Exception {
        return mvc.perform(post("/api/stock/requests/{id}/returns", orderId).with(httpBasic("materials", PASSWORD))
                .contentType(MediaType.APPLICATION_JSON).content("{\"itemCode\":\"" + item + "\"}"));
    }

    List<String> changeLines(long orderId) {
        return jdbc.sql("""
                select i.code, l.before_qty, l.after_qty, l.released, l.requested, l.to_return
                from stock_request_change_line l join stock_request_change c on c.id = l.change_id
                join stock_request r on r.id = c.request_id join stock_item i on i.id = l.item_id where r.order_id = ?""")
                .param(orderId).query((rs, n) -> rs.getString(1) + " " + plain(rs.getBigDecimal(2)) + "->" + plain(rs.getBigDecimal(3))
                        + " released=" + plain(rs.getBigDecimal(4)) + " requested=" + plain(rs.getBigDecimal(5))
                        + " return=" + plain(rs.getBigDecimal(6)))
                .list();
    }

    static String plain(BigDecimal value) {
        return value == null ? "null" : value.stripTrailingZeros().toPlainString();
    }

    /** Everyone the redesign told acknowledges it, so that their work on the order may pass. */
    void acknowledgeAll(long orderId) throws Exception {
        List<Map<String, Object>> notices = jdbc.sql("select id, recipient from scheme_change_notice where order_id = ? and acknowledged_at is null")
                .param(orderId).query((rs, n) -> Map.<String, Object>of("id", rs.getLong(1), "recipient", rs.getString(2))).list();
        for (Map<String, Object> notice : notices) {
            mvc.perform(post("/scheme-changes/{n}/acknowledge", notice.get("id")).with(httpBasic((String) notice.get("recipient"), PASSWORD))
                    .with(csrf())).andExpect(status().is3xxRedirection());
        }
    }

    ResultActions bom(String task, String item, String quantity) throws Exception {
        return mvc.perform(post("/api/stock/tasks/{t}/bom", task).with(httpBasic("designer", PASSWORD))
                .contentType(MediaType.APPLICATION_JSON).content("{\"itemCode\":\"%s\",\"quantity\":%s}".formatted(item, quantity)));
    }

    ResultActions confirm(long orderId, long warehouse) throws Exception {
        return mvc.perform(post("/api/stock/requests/{id}/confirm", orderId).with(httpBasic("materials", PASSWORD))
                .contentType(MediaType.APPLICATION_JSON).content("{\"warehouseId\":" + warehouse + "}"));
    }

    String signFor(long id, String user, String node) throws Exception {
        String order = mvc.perform(get("/api/applications/{id}", id).with(httpBasic(user, PASSWORD))).andReturn().getResponse()
                .getContentAsString();
        List<String> tasks = JsonPath.read(order, "$.openItems[?(@.nodeCode == '" + node + "')].taskId");
        assertThat(tasks).as("open " + node).isNotEmpty();
        mvc.perform(post("/api/tasks/{t}/sign-for", tasks.get(0)).with(httpBasic(user, PASSWORD))).andExpect(status().isOk());
        return tasks.get(0);
    }

    ResultActions complete(String taskId, String user, Map<String, String> fields) throws Exception {
        StringBuilder json = new StringBuilder("{\"fields\":{");
        fields.forEach((k, v) -> json.append(json.charAt(json.length() - 1) == '{' ? "" : ",")
                .append('"').append(k).append("\":\"").append(v).append('"'));
        return mvc.perform(post("/api/tasks/{t}/complete", taskId).with(httpBasic(user, PASSWORD))
                .contentType(MediaType.APPLICATION_JSON).content(json.append("}}").toString()));
    }

    static String today() {
        return LocalDate.now(ClockConfiguration.UTILITY_ZONE).toString();
    }
}
