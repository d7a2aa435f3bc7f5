package org.yekuo.stock.internal;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Demo warehouses: the company's and one per supply station, stocked so that the east station's
 * single-phase meters are already below their threshold (a procurement warning to see). Runs only while
 * there is no warehouse.
 */
@Component
@Order(12)
@ConditionalOnProperty(name = "yekuo.demo.enabled", havingValue = "true")
class StockDemoData implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(StockDemoData.class);

    /** Item code to on hand and threshold, for the company's warehouse. */
    private static final Map<String, int[]> COMPANY = Map.ofEntries(
            Map.entry("MTR-1P-60A", new int[] {200, 50}), Map.entry("MTR-3P-80A", new int[] {80, 20}),
            Map.entry("MTR-3P-CT", new int[] {40, 10}), Map.entry("MTR-3P3W-HV", new int[] {12, 4}),
            Map.entry("BOX-1P-1", new int[] {150, 30}), Map.entry("BOX-3P-1", new int[] {60, 15}),
            Map.entry("SWG-MCCB-100", new int[] {50, 10}), Map.entry("SWG-RMU-12", new int[] {4, 2}),
            Map.entry("SWG-KYN28-12", new int[] {6, 2}), Map.entry("CBL-JKLYJ-4x25", new int[] {3000, 500}),
            Map.entry("CBL-YJV22-4x35", new int[] {2000, 400}), Map.entry("CBL-YJV22-4x95", new int[] {800, 300}),
            Map.entry("CBL-YJV22-3x70", new int[] {1500, 300}), Map.entry("CBL-YJV22-3x240", new int[] {600, 200}),
            Map.entry("TRF-S13-200", new int[] {3, 1}), Map.entry("TRF-S13-400", new int[] {2, 1}),
            Map.entry("TRF-SCB13-630", new int[] {1, 1}), Map.entry("TRF-SCB13-1250", new int[] {1, 1}));
    /** A station keeps what LV connections use day to day. */
    private static final Map<String, int[]> STATION = Map.of(
            "MTR-1P-60A", new int[] {30, 10}, "MTR-3P-80A", new int[] {10, 4}, "BOX-1P-1", new int[] {25, 8},
            "BOX-3P-1", new int[] {8, 3}, "CBL-JKLYJ-4x25", new int[] {600, 150}, "CBL-YJV22-4x35", new int[] {300, 100});

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;

    StockDemoData(JdbcClient jdbc, TransactionTemplate tx) {
        this.jdbc = jdbc;
        this.tx = tx;
    }

    @Override
    public void run(ApplicationArguments args) {
        tx.executeWithoutResult(status -> {
            if (jdbc.sql("select count(*) from stock_warehouse").query(Long.class).single() > 0) {
                return;
            }
            record Unit(String code, String nameZh, String nameEn, String kind, String path) {
            }
            List<Unit> units = jdbc.sql("select code, name_zh, name_en, kind, path from org_unit where kind in ('COMPANY', 'STATION')"
                    + " order by path").query(Unit.class).list();
            for (Unit unit : units) {
                boolean company = "COMPANY".equals(unit.kind());
                jdbc.sql("insert into stock_warehouse (code, name_zh, name_en, kind, org_path) values (?, ?, ?, ?, ?)")
                        .params("WH-" + unit.code(), unit.nameZh() + (company ? "物资仓库" : "仓库"),
                                unit.nameEn() + (company ? " materials warehouse" : " store"), company ? "COMPANY" : "STATION", unit.path())
                        .update();
                long warehouse = jdbc.sql("select id from stock_warehouse where code = ?").param("WH-" + unit.code())
                        .query(Long.class).single();
                Map<String, int[]> stock = company ? COMPANY : STATION;
                stock.forEach((code, amounts) -> {
                    int onHand = "YK-EAST".equals(unit.code()) && "MTR-1P-60A".equals(code) ? 6 : amounts[0];
                    jdbc.sql("insert into stock_level (warehouse_id, item_id, on_hand, threshold)"
                            + " select ?, id, ?, ? from stock_item where code = ?")
                            .params(warehouse, BigDecimal.valueOf(onHand), BigDecimal.valueOf(amounts[1]), code).update();
                });
            }
            log.info("Demo stock: {} warehouses", units.size());
        });
    }
}
