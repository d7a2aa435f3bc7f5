package org.yekuo.insight;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.yekuo.identity.OrgUnitMoved;

/** This module's copies of org paths follow a unit's move in the moving transaction, so data scope follows at once. */
@Component
class InsightOrgPathsFollowMoves {

    private final JdbcClient jdbc;

    InsightOrgPathsFollowMoves(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventListener
    void on(OrgUnitMoved moved) {
        moved.rewrite(jdbc, "insight_profile", "org_path");
        moved.rewrite(jdbc, "insight_node_risk", "org_path");
        moved.rewrite(jdbc, "insight_flow_month", "station_path");
        moved.rewrite(jdbc, "insight_order_month", "station_path");
        moved.rewrite(jdbc, "insight_staff_month", "station_path");
    }
}
