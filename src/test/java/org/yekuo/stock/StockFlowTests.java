package org.yekuo.stock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.hamcrest.Matchers;
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
import org.yekuo.identity.CurrentUser;

import com.jayway.jsonpath.JsonPath;

/** Bills of materials from the scheme design to stock, reserved and issued, on PostgreSQL (R-COL-2). */
@SpringBootTest
@AutoConfigureMockMvc
class StockFlowTests {

    static final String PASSWORD = StockFixtures.PASSWORD;

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    StockRequests requests;

    @Autowired
    StockStepDeadlines deadlines;

    StockFixtures fixtures;

    @BeforeEach
    void fixtures() {
        fixtures = new StockFixtures(mvc, jdbc);
    }

    @Test
    @DisplayName("R-COL-2 the designer's bill goes to stock when the scheme is approved; the clerk reserves it within 2 working hours"
            + " and issues it; the level follows each step")
    void billIsPushedReservedAndIssued() throws Exception {
        long warehouse = fixtures.warehouse(Map.of("MTR-3P-CT", 5, "CBL-YJV22-3x70", 400, "TRF-S13-400", 1));
        StockFixtures.DesignOrder order = fixtures.orderAtDesign();
        long id = order.id();
        String task = order.task();

        line(task, "designer", "MTR-3P-CT", "2").andExpect(status().isOk()).andExpect(jsonPath("$.item.code").value("MTR-3P-CT"));
        line(task, "designer", "CBL-YJV22-3x70", "120.5").andExpect(status().isOk());
        line(task, "designer", "TRF-S13-400", "1").andExpect(status().isOk());
        // The same item again replaces its quantity.
        line(task, "designer", "CBL-YJV22-3x70", "150").andExpect(status().isOk()).andExpect(jsonPath("$.quantity").value(150));
        mvc.perform(get("/api/stock/orders/{id}/bom", id).with(httpBasic("designer", PASSWORD)))
                .andExpect(jsonPath("$.length()").value(3));
        // Only the designer holding the node edits the bill; the materials clerk cannot.
        line(task, "materials", "MTR-3P-CT", "3").andExpect(status().isForbidden());
        // Nothing goes to stock before the scheme is approved.
        fixtures.complete(task, "SCHEME_DESIGN");
        assertThat(requests.find(id)).isEmpty();
        line(task, "designer", "MTR-3P-CT", "3").andExpect(status().isConflict());

        fixtures.approve(id);
        StockRequest pushed = requests.find(id).orElseThrow();
        assertThat(pushed.status()).isEqualTo(StockRequest.Status.PENDING);
        assertThat(pushed.confirmDueAt()).isEqualTo(deadlines.from(pushed.pushedAt()).confirmDueAt());
        assertThat(pushed.alternativeDueAt()).isEqualTo(deadlines.from(pushed.pushedAt()).alternativeDueAt());
        String list = mvc.perform(get("/api/stock/requests").with(httpBasic("materials", PASSWORD)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(JsonPath.<List<Object>>read(list, "$[?(@.request.orderId == " + id + ")].colour")).containsExactly("GREEN");

        confirm(id, warehouse).andExpect(status().isOk()).andExpect(jsonPath("$.status").value("RESERVED"))
                .andExpect(jsonPath("$.shortfalls").isEmpty());
        assertThat(fixtures.level(warehouse, "MTR-3P-CT")).containsExactly(new BigDecimal("5.00"), new BigDecimal("2.00"));
        assertThat(fixtures.level(warehouse, "CBL-YJV22-3x70")[1]).isEqualByComparingTo("150");
        // Confirming twice is refused: the request is no longer waiting.
        confirm(id, warehouse).andExpect(status().isConflict());

        mvc.perform(post("/api/stock/requests/{id}/issue", id).with(httpBasic("materials", PASSWORD))).andExpect(status().isNoContent());
        assertThat(fixtures.level(warehouse, "MTR-3P-CT")).containsExactly(new BigDecimal("3.00"), new BigDecimal("0.00"));
        assertThat(fixtures.level(warehouse, "TRF-S13-400")[0]).isEqualByComparingTo("0");
        // Issuing more than is reserved (again, after everything went out) is refused.
        mvc.perform(post("/api/stock/requests/{id}/issue", id).with(httpBasic("materials", PASSWORD))).andExpect(status().isConflict());
        assertThat(requests.find(id).orElseThrow().status()).isEqualTo(StockRequest.Status.ISSUED);
        assertThat(jdbc.sql("select count(*) from stock_movement where order_id = ? and kind = 'ISSUE'").param(id)
                .query(Long.class).single()).isEqualTo(3);
    }

    @Test
    @DisplayName("R-COL-2 bad lines are refused by field and leave the bill as it was: no item, an unknown item, quantity 0,"
            + " half a meter, not a number")
    void badLinesAreRefusedByField() throws Exception {
        StockFixtures.DesignOrder order = fixtures.orderAtDesign();
        String task = order.task();
        line(task, "designer", "MTR-1P-60A", "1").andExpect(status().isOk());
        line(task, "designer", "", "1").andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("itemCode"));
        line(task, "designer", "NO-SUCH-ITEM", "1").andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("itemCode"))
                .andExpect(jsonPath("$.errors[0].message").value(Matchers.containsString("NO-SUCH-ITEM")));
        line(task, "designer", "MTR-1P-60A", "0").andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("quantity"))
                .andExpect(jsonPath("$.errors[0].message").value("数量必须大于 0。"));
        line(task, "designer", "MTR-1P-60A", "-2").andExpect(status().isUnprocessableContent());
        line(task, "designer", "MTR-1P-60A", "1.5").andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("quantity"));
        mvc.perform(post("/api/stock/tasks/{t}/bom", task).with(httpBasic("designer", PASSWORD)).header("Accept-Language", "en")
                        .contentType(MediaType.APPLICATION_JSON).content("{\"itemCode\":\"MTR-1P-60A\"}"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].message").value("The quantity must be greater than 0."));
        mvc.perform(get("/api/stock/orders/{id}/bom", order.id()).with(httpBasic("designer", PASSWORD)))
                .andExpect(jsonPath("$.length()").value(1)).andExpect(jsonPath("$[0].quantity").value(1));
        // The page form names a quantity that is not a number.
        String page = mvc.perform(post("/stock/tasks/{t}/bom", task).with(httpBasic("designer", PASSWORD))
                        .with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf())
                        .param("itemCode", "MTR-1P-60A").param("quantity", "两个"))
                .andExpect(status().is3xxRedirection()).andReturn().getFlashMap().get("refusal").toString();
        assertThat(page).contains("两个").contains("不是数字");
        // A line of another order's bill cannot be removed through this task.
        mvc.perform(delete("/api/stock/tasks/{t}/bom/{l}", task, Long.MAX_VALUE).with(httpBasic("designer", PASSWORD)))
                .andExpect(status().isNotFound());
    }

    @Test
    @DisplayName("R-COL-2 when an item is short nothing is reserved; an alternative that is short too changes nothing;"
            + " a good one replaces the item and reserves the whole bill")
    void shortItemGetsAnAlternative() throws Exception {
        long warehouse = fixtures.warehouse(Map.of("MTR-3P-CT", 3, "TRF-S13-400", 0, "TRF-S13-200", 0, "TRF-SCB13-630", 2));
        long id = pushed(Map.of("MTR-3P-CT", "2", "TRF-S13-400", "1"));

        confirm(id, warehouse).andExpect(status().isOk()).andExpect(jsonPath("$.status").value("SHORT"))
                .andExpect(jsonPath("$.shortfalls[0].item.code").value("TRF-S13-400"))
                .andExpect(jsonPath("$.shortfalls[0].available").value(0));
        // All or none: the meters were not reserved either.
        assertThat(fixtures.level(warehouse, "MTR-3P-CT")[1]).isEqualByComparingTo("0");

        alternative(id, warehouse, "TRF-S13-400", "TRF-S13-200", "1", "").andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("note"));
        alternative(id, warehouse, "TRF-S13-400", "TRF-S13-200", "1", "200kVA 满足报装容量")
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value(Matchers.containsString("TRF-S13-200")));
        alternative(id, warehouse, "MTR-1P-60A", "TRF-S13-200", "1", "不在清单").andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("substitutions[0].replaces"));
        alternative(id, warehouse, "TRF-S13-400", "TRF-SCB13-630", "0", "干变").andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("substitutions[0].quantity"));
        assertThat(requests.find(id).orElseThrow().status()).isEqualTo(StockRequest.Status.SHORT);
        mvc.perform(get("/api/stock/orders/{id}/bom", id).with(httpBasic("materials", PASSWORD)))
                .andExpect(jsonPath("$[*].item.code").value(Matchers.containsInAnyOrder("MTR-3P-CT", "TRF-S13-400")));

        alternative(id, warehouse, "TRF-S13-400", "TRF-SCB13-630", "1", "库存无 400kVA 油变，改用 630kVA 干变，经设计确认")
                .andExpect(status().isNoContent());
        StockRequest request = requests.find(id).orElseThrow();
        assertThat(request.status()).isEqualTo(StockRequest.Status.RESERVED);
        assertThat(request.alternativeBy()).isEqualTo("materials");
        assertThat(fixtures.level(warehouse, "TRF-SCB13-630")[1]).isEqualByComparingTo("1");
        assertThat(fixtures.level(warehouse, "MTR-3P-CT")[1]).isEqualByComparingTo("2");
        mvc.perform(get("/api/stock/orders/{id}/bom", id).with(httpBasic("materials", PASSWORD)))
                .andExpect(jsonPath("$[*].item.code").value(Matchers.containsInAnyOrder("MTR-3P-CT", "TRF-SCB13-630")));
    }

    @Test
    @DisplayName("R-COL-2 two orders reserving the last meter at the same moment on PostgreSQL: one gets it, the other is short")
    void lastMeterGoesToOneOrder() throws Exception {
        long warehouse = fixtures.warehouse(Map.of("MTR-3P3W-HV", 1));
        long first = pushedDirectly("MTR-3P3W-HV");
        long second = pushedDirectly("MTR-3P3W-HV");
        CurrentUser clerk = fixtures.materialsClerk();
        CyclicBarrier start = new CyclicBarrier(2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<List<StockRequests.Shortfall>>> outcomes = new ArrayList<>();
            for (long order : List.of(first, second)) {
                Callable<List<StockRequests.Shortfall>> confirm = () -> {
                    start.await();
                    return requests.confirm(order, warehouse, clerk);
                };
                outcomes.add(pool.submit(confirm));
            }
            int reserved = 0;
            for (Future<List<StockRequests.Shortfall>> outcome : outcomes) {
                reserved += outcome.get().isEmpty() ? 1 : 0;
            }
            assertThat(reserved).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(fixtures.level(warehouse, "MTR-3P3W-HV")).containsExactly(new BigDecimal("1.00"), new BigDecimal("1.00"));
        assertThat(List.of(requests.find(first).orElseThrow().status(), requests.find(second).orElseThrow().status()))
                .containsExactlyInAnyOrder(StockRequest.Status.RESERVED, StockRequest.Status.SHORT);
        assertThat(jdbc.sql("select count(*) from stock_reservation where order_id in (?, ?)").params(first, second)
                .query(Long.class).single()).isEqualTo(1);
    }

    @Test
    @DisplayName("R-COL-2 a clerk outside the order's scope and a designer cannot act on stock; a level below its threshold is a"
            + " procurement warning")
    void accessAndWarnings() throws Exception {
        long warehouse = fixtures.warehouse(Map.of("BOX-3P-1", 0));
        mvc.perform(get("/api/stock/levels").param("warnings", "true").with(httpBasic("materials", PASSWORD)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[?(@.warehouse.id == " + warehouse + ")].item.code").value(Matchers.contains("BOX-3P-1")));
        mvc.perform(get("/api/stock/levels").with(httpBasic("designer", PASSWORD))).andExpect(status().isForbidden());
        mvc.perform(post("/api/stock/receipts").with(httpBasic("materials", PASSWORD)).contentType(MediaType.APPLICATION_JSON)
                .content("{\"warehouseId\":" + warehouse + ",\"itemCode\":\"BOX-3P-1\",\"quantity\":5}")).andExpect(status().isNoContent());
        mvc.perform(get("/api/stock/levels").param("warnings", "true").with(httpBasic("materials", PASSWORD)))
                .andExpect(jsonPath("$[?(@.warehouse.id == " + warehouse + ")]").isEmpty());
        mvc.perform(post("/api/stock/receipts").with(httpBasic("materials", PASSWORD)).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"warehouseId\":" + warehouse + ",\"itemCode\":\"BOX-3P-1\",\"quantity\":-1}"))
                .andExpect(status().isUnprocessableContent()).andExpect(jsonPath("$.errors[0].field").value("quantity"));
        mvc.perform(post("/api/stock/receipts").with(httpBasic("designer", PASSWORD)).contentType(MediaType.APPLICATION_JSON)
                .content("{\"warehouseId\":" + warehouse + ",\"itemCode\":\"BOX-3P-1\",\"quantity\":5}")).andExpect(status().isForbidden());
        long id = pushedDirectly("BOX-3P-1");
        mvc.perform(post("/api/stock/requests/{id}/confirm", id).with(httpBasic("designer", PASSWORD))
                .contentType(MediaType.APPLICATION_JSON).content("{\"warehouseId\":" + warehouse + "}")).andExpect(status().isForbidden());
        confirm(id, null).andExpect(status().isUnprocessableContent()).andExpect(jsonPath("$.errors[0].field").value("warehouseId"));
        mvc.perform(get("/api/stock/requests/{id}", Long.MAX_VALUE).with(httpBasic("materials", PASSWORD))).andExpect(status().isNotFound());
    }

    /** An order whose approved scheme pushed this bill to stock, through the real flow. */
    long pushed(Map<String, String> lines) throws Exception {
        StockFixtures.DesignOrder order = fixtures.orderAtDesign();
        String task = order.task();
        for (Map.Entry<String, String> line : lines.entrySet()) {
            line(task, "designer", line.getKey(), line.getValue()).andExpect(status().isOk());
        }
        fixtures.complete(task, "SCHEME_DESIGN");
        fixtures.approve(order.id());
        return order.id();
    }

    /** A request for one unit of {@code item}, written as the push writes it, for tests of the stock side alone. */
    long pushedDirectly(String item) {
        long orderId = 9_000_000_000L + System.nanoTime() % 1_000_000_000L;
        Instant now = Instant.now();
        jdbc.sql("insert into stock_bom_line (order_id, org_path, item_id, quantity, added_by, added_at) select ?, ?, id, 1, 'designer', ? from stock_item where code = ?")
                .params(orderId, fixtures.companyPath() + "9/", Timestamp.from(now), item).update();
        StockStepDeadlines.Steps steps = deadlines.from(now);
        jdbc.sql("insert into stock_request (order_id, order_no, org_path, status, pushed_at, confirm_yellow_at, confirm_due_at,"
                        + " alternative_yellow_at, alternative_due_at) values (?, ?, ?, 'PENDING', ?, ?, ?, ?, ?)")
                .params(orderId, "T" + orderId, fixtures.companyPath() + "9/", Timestamp.from(now), Timestamp.from(steps.confirmYellowAt()),
                        Timestamp.from(steps.confirmDueAt()), Timestamp.from(steps.alternativeYellowAt()),
                        Timestamp.from(steps.alternativeDueAt()))
                .update();
        return orderId;
    }

    ResultActions line(String task, String user, String item, String quantity) throws Exception {
        return mvc.perform(post("/api/stock/tasks/{t}/bom", task).with(httpBasic(user, PASSWORD))
                .contentType(MediaType.APPLICATION_JSON).content("{\"itemCode\":\"%s\",\"quantity\":%s}".formatted(item, quantity)));
    }

    ResultActions confirm(long id, Long warehouse) throws Exception {
        return mvc.perform(post("/api/stock/requests/{id}/confirm", id).with(httpBasic("materials", PASSWORD))
                .contentType(MediaType.APPLICATION_JSON).content("{\"warehouseId\":" + warehouse + "}"));
    }

    ResultActions alternative(long id, long warehouse, String replaces, String item, String quantity, String note) throws Exception {
        return mvc.perform(post("/api/stock/requests/{id}/alternative", id).with(httpBasic("materials", PASSWORD))
                .contentType(MediaType.APPLICATION_JSON).content("""
                        {"warehouseId":%d,"substitutions":[{"replaces":"%s","itemCode":"%s","quantity":%s}],"note":"%s"}"""
                        .formatted(warehouse, replaces, item, quantity, note)));
    }
}
