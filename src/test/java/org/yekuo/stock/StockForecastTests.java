package org.yekuo.stock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.support.TransactionTemplate;
import org.yekuo.workflow.OrderId;
import org.yekuo.workflow.ProcessCancelled;

/** The demand forecast per item (R-COL-8) and what a withdrawn order gives back to stock (R-COL-2). */
@SpringBootTest
@AutoConfigureMockMvc
class StockForecastTests {

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

    @Test
    @DisplayName("R-COL-8 the forecast adds open bills not yet reserved to 4 weeks of the past 12 weeks' issues and names the"
            + " shortfall against free stock")
    void forecastSeesTheShortageAhead() throws Exception {
        StockFixtures fixtures = new StockFixtures(mvc, jdbc);
        String item = "T-" + UUID.randomUUID().toString().substring(0, 8);
        jdbc.sql("insert into stock_item (code, category, name_zh, name_en, spec, unit) values (?, 'METER', '测试电能表', 'Test meter', 'T', 'PIECE')")
                .param(item).update();
        long itemId = jdbc.sql("select id from stock_item where code = ?").param(item).query(Long.class).single();
        long warehouse = fixtures.warehouse(Map.of(item, 4));
        String path = fixtures.companyPath() + "9/";
        long designed = order(itemId, 3, path, null);
        long pending = order(itemId, 2, path, "PENDING");
        long reserved = order(itemId, 5, path, "RESERVED");
        Instant now = Instant.now();
        movement(warehouse, itemId, 24, now.minus(Duration.ofDays(30)));
        // Older than 12 weeks: not part of the average.
        movement(warehouse, itemId, 100, now.minus(Duration.ofDays(7 * 13)));

        mvc.perform(get("/api/stock/forecast").with(httpBasic("materials", StockFixtures.PASSWORD)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[?(@.item.code == '" + item + "')].openDemand").value(Matchers.contains(5.0)))
                .andExpect(jsonPath("$[?(@.item.code == '" + item + "')].weeklyConsumption").value(Matchers.contains(2.0)))
                .andExpect(jsonPath("$[?(@.item.code == '" + item + "')].need").value(Matchers.contains(13.0)))
                .andExpect(jsonPath("$[?(@.item.code == '" + item + "')].available").value(Matchers.contains(4.0)))
                .andExpect(jsonPath("$[?(@.item.code == '" + item + "')].shortfall").value(Matchers.contains(9.0)));
        String page = mvc.perform(get("/stock/forecast").with(httpBasic("materials", StockFixtures.PASSWORD)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(page).contains("物资需求预测").contains("data-item=\"" + item + "\"").contains("预计缺货");
        mvc.perform(get("/api/stock/forecast").with(httpBasic("designer", StockFixtures.PASSWORD))).andExpect(status().isForbidden());
        assertThat(designed + pending + reserved).isPositive();
    }

    @Test
    @DisplayName("R-COL-2 a withdrawn order's request lapses and what was reserved for it is free stock again")
    void withdrawnOrderReleasesItsReservation() throws Exception {
        StockFixtures fixtures = new StockFixtures(mvc, jdbc);
        long warehouse = fixtures.warehouse(Map.of("BOX-1P-1", 3));
        long itemId = jdbc.sql("select id from stock_item where code = 'BOX-1P-1'").query(Long.class).single();
        long orderId = order(itemId, 2, fixtures.companyPath() + "9/", "PENDING");
        assertThat(requests.confirm(orderId, warehouse, fixtures.materialsClerk())).isEmpty();
        assertThat(fixtures.level(warehouse, "BOX-1P-1")[1]).isEqualByComparingTo("2");
        tx.executeWithoutResult(s -> requests.on(new ProcessCancelled(new OrderId(orderId), "客户撤销申请", Instant.now())));
        assertThat(requests.find(orderId).orElseThrow().status()).isEqualTo(StockRequest.Status.CANCELLED);
        assertThat(fixtures.level(warehouse, "BOX-1P-1")).containsExactly(new BigDecimal("3.00"), new BigDecimal("0.00"));
        // A second cancellation notice changes nothing.
        tx.executeWithoutResult(s -> requests.on(new ProcessCancelled(new OrderId(orderId), "客户撤销申请", Instant.now())));
        assertThat(fixtures.level(warehouse, "BOX-1P-1")[1]).isEqualByComparingTo("0");
    }

    /** An order's bill of one line; with a status, a request in that state as the push and the clerk leave it. */
    long order(long itemId, int quantity, String path, String status) {
        long orderId = 7_000_000_000L + System.nanoTime() % 1_000_000_000L;
        Instant now = Instant.now();
        jdbc.sql("insert into stock_bom_line (order_id, org_path, item_id, quantity, added_by, added_at) values (?, ?, ?, ?, 'designer', ?)")
                .params(orderId, path, itemId, quantity, Timestamp.from(now)).update();
        if (status != null) {
            StockStepDeadlines.Steps steps = deadlines.from(now);
            jdbc.sql("insert into stock_request (order_id, order_no, org_path, status, pushed_at, confirm_yellow_at, confirm_due_at,"
                            + " alternative_yellow_at, alternative_due_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)")
                    .params(orderId, "F" + orderId, path, status, Timestamp.from(now), Timestamp.from(steps.confirmYellowAt()),
                            Timestamp.from(steps.confirmDueAt()), Timestamp.from(steps.alternativeYellowAt()),
                            Timestamp.from(steps.alternativeDueAt()))
                    .update();
        }
        return orderId;
    }

    void movement(long warehouse, long itemId, int quantity, Instant at) {
        jdbc.sql("insert into stock_movement (warehouse_id, item_id, kind, quantity, moved_at, moved_by) values (?, ?, 'ISSUE', ?, ?, 'materials')")
                .params(warehouse, itemId, quantity, Timestamp.from(at)).update();
    }
}
