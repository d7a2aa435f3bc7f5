package org.yekuo.stock.internal;

import java.sql.ResultSet;
import java.sql.SQLException;

import org.yekuo.stock.ItemCategory;
import org.yekuo.stock.ItemUnit;
import org.yekuo.stock.StockItem;
import org.yekuo.stock.Warehouse;

/** One mapping of the item and warehouse columns, in the order {@link #ITEM} and {@link #WAREHOUSE} list them. */
public final class StockRows {

    public static final String ITEM = "i.id, i.code, i.category, i.name_zh, i.name_en, i.spec, i.unit";
    public static final String WAREHOUSE = "w.id, w.code, w.name_zh, w.name_en, w.kind, w.org_path";

    private StockRows() {
    }

    public static Warehouse warehouse(ResultSet rs, int from) throws SQLException {
        return new Warehouse(rs.getLong(from), rs.getString(from + 1), rs.getString(from + 2), rs.getString(from + 3),
                Warehouse.Kind.valueOf(rs.getString(from + 4)), rs.getString(from + 5));
    }

    public static StockItem item(ResultSet rs, int from) throws SQLException {
        return new StockItem(rs.getLong(from), rs.getString(from + 1), ItemCategory.valueOf(rs.getString(from + 2)),
                rs.getString(from + 3), rs.getString(from + 4), rs.getString(from + 5), ItemUnit.valueOf(rs.getString(from + 6)));
    }
}
