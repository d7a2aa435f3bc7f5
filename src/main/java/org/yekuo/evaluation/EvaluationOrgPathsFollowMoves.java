package org.yekuo.evaluation;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.yekuo.identity.OrgUnitMoved;

/** This module's copies of org paths follow a unit's move in the moving transaction, so data scope follows at once. */
@Component
class EvaluationOrgPathsFollowMoves {

    private final JdbcClient jdbc;

    EvaluationOrgPathsFollowMoves(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventListener
    void on(OrgUnitMoved moved) {
        moved.rewrite(jdbc, "evaluation", "org_path");
        moved.rewrite(jdbc, "evaluation_invitation", "org_path");
        moved.rewrite(jdbc, "evaluation_rectification", "org_path");
    }
}
