package org.yekuo.stock;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.yekuo.identity.CurrentUser;

/**
 * The materials demand forecast (R-COL-8): per item, what open orders' bills still need (designed, or at
 * stock but not yet reserved) plus the weekly consumption of the past weeks carried over the weeks ahead,
 * against the free stock of the warehouses the reader draws on. An item whose need exceeds its free stock is
 * a shortage seen before it stops an order.
 */
@Service
@Transactional(readOnly = true)
public class DemandForecast {

    /** Past consumption is averaged over this many weeks of issues. */
    static final int HISTORY_WEEKS = 12;
    /** How far ahead the forecast looks. */
    static final int WEEKS_AHEAD = 4;

    private final JdbcClient jdbc;
    private final MaterialsCatalogue catalogue;
    private final StockLevels levels;
    private final Clock clock;

    DemandForecast(JdbcClient jdbc, MaterialsCatalogue catalogue, StockLevels levels, Clock clock) {
        this.jdbc = jdbc;
        this.catalogue = catalogue;
        this.levels = levels;
        this.clock = clock;
    }

    public List<ItemForecast> of(CurrentUser user) {
        Map<Long, BigDecimal> open = new HashMap<>();
        jdbc.sql("""
                select b.item_id, sum(greatest(b.quantity - coalesce((select sum(s.quantity) from stock_reservation s
                                                                     where s.order_id = b.order_id and s.item_id = b.item_id), 0), 0))
                from stock_bom_line b left join stock_request r on r.order_id = b.order_id
                where b.org_path like ? and (r.id is null or r.status in ('PENDING', 'SHORT')) group by b.item_id""")
                .param(user.scope().likePattern())
                .query(rs -> {
                    open.put(rs.getLong(1), rs.getBigDecimal(2));
                });
        Map<Long, BigDecimal> issued = new HashMap<>();
        List<Long> warehouses = catalogue.warehouses(user.scope()).stream().map(Warehouse::id).toList();
        if (!warehouses.isEmpty()) {
            jdbc.sql("select item_id, sum(quantity) from stock_movement where kind = 'ISSUE' and moved_at >= :since"
                            + " and warehouse_id in (:warehouses) group by item_id")
                    .param("since", Timestamp.from(clock.instant().minus(Duration.ofDays(7L * HISTORY_WEEKS))))
                    .param("warehouses", warehouses)
                    .query(rs -> {
                        issued.put(rs.getLong(1), rs.getBigDecimal(2));
                    });
        }
        Map<Long, BigDecimal> free = new HashMap<>();
        for (StockLevel level : levels.of(user)) {
            free.merge(level.item().id(), level.available(), BigDecimal::add);
        }
        return catalogue.items().stream().map(item -> {
            BigDecimal openDemand = open.getOrDefault(item.id(), BigDecimal.ZERO);
            BigDecimal weekly = issued.getOrDefault(item.id(), BigDecimal.ZERO).divide(BigDecimal.valueOf(HISTORY_WEEKS), 2,
                    RoundingMode.HALF_UP);
            BigDecimal need = openDemand.add(weekly.multiply(BigDecimal.valueOf(WEEKS_AHEAD)));
            BigDecimal available = free.getOrDefault(item.id(), BigDecimal.ZERO);
            BigDecimal shortfall = need.subtract(available).max(BigDecimal.ZERO);
            return new ItemForecast(item, openDemand, weekly, need, available, shortfall);
        }).sorted(Comparator.comparing(ItemForecast::shortfall).reversed().thenComparing(f -> f.item().code())).toList();
    }

    /**
     * One item's forecast: {@code openDemand} from open bills not yet reserved (of a revised bill, only what the order does
     * not already hold), {@code weeklyConsumption} from past
     * issues, {@code need} over the weeks ahead, {@code available} free stock, and the {@code shortfall} if any.
     */
    public record ItemForecast(StockItem item, BigDecimal openDemand, BigDecimal weeklyConsumption, BigDecimal need,
            BigDecimal available, BigDecimal shortfall) {

        public boolean isShort() {
            return shortfall.signum() > 0;
        }
    }
}
