package org.yekuo.review;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.yekuo.identity.OrgUnitMoved;

/** This module's copies of org paths follow a unit's move in the moving transaction, so data scope follows at once. */
@Component
class ReviewOrgPathsFollowMoves {

    private final JdbcClient jdbc;

    ReviewOrgPathsFollowMoves(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventListener
    void on(OrgUnitMoved moved) {
        moved.rewrite(jdbc, "review_round", "org_path");
    }
}
