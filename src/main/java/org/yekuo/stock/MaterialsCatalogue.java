package org.yekuo.stock;

import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.yekuo.identity.DataScope;
import org.yekuo.stock.internal.StockRows;

/** The materials catalogue and the warehouses, as the designer and the materials clerk choose from them. */
@Service
@Transactional(readOnly = true)
public class MaterialsCatalogue {

    private final JdbcClient jdbc;

    MaterialsCatalogue(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<StockItem> items() {
        return jdbc.sql("select " + StockRows.ITEM + " from stock_item i where i.active order by i.category, i.code")
                .query((rs, n) -> StockRows.item(rs, 1)).list();
    }

    public Optional<StockItem> item(String code) {
        return jdbc.sql("select " + StockRows.ITEM + " from stock_item i where i.active and i.code = ?").param(code)
                .query((rs, n) -> StockRows.item(rs, 1)).optional();
    }

    /** An item by its code, retired or not: what an order holds may no longer be offered. */
    public Optional<StockItem> itemByCode(String code) {
        return jdbc.sql("select " + StockRows.ITEM + " from stock_item i where i.code = ?").param(code)
                .query((rs, n) -> StockRows.item(rs, 1)).optional();
    }

    /** An item by its id, retired or not: a request may still hold an item the catalogue no longer offers. */
    public Optional<StockItem> itemById(long id) {
        return jdbc.sql("select " + StockRows.ITEM + " from stock_item i where i.id = ?").param(id)
                .query((rs, n) -> StockRows.item(rs, 1)).optional();
    }

    /** The warehouses whose keeping unit lies in {@code scope} or above it: a station's clerk draws on the company's too. */
    public List<Warehouse> warehouses(DataScope scope) {
        return jdbc.sql("select " + StockRows.WAREHOUSE + " from stock_warehouse w order by w.kind, w.code")
                .query((rs, n) -> StockRows.warehouse(rs, 1)).list().stream()
                .filter(w -> scope.includes(w.orgPath()) || scope.orgPath().startsWith(w.orgPath())).toList();
    }

    public Optional<Warehouse> warehouse(long id) {
        return jdbc.sql("select " + StockRows.WAREHOUSE + " from stock_warehouse w where w.id = ?").param(id)
                .query((rs, n) -> StockRows.warehouse(rs, 1)).optional();
    }
}
