package org.yekuo.stock;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.yekuo.identity.OrgUnitMoved;

/** This module's copies of org paths follow a unit's move in the moving transaction, so data scope follows at once. */
@Component
class StockOrgPathsFollowMoves {

    private final JdbcClient jdbc;

    StockOrgPathsFollowMoves(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventListener
    void on(OrgUnitMoved moved) {
        moved.rewrite(jdbc, "stock_bom_line", "org_path");
        moved.rewrite(jdbc, "stock_request", "org_path");
        moved.rewrite(jdbc, "stock_warehouse", "org_path");
    }
}
